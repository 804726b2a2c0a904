"""The dashboard's pages, one module per page, each exposing ``PAGE`` (a :class:`Page`)."""
