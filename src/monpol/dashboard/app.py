"""The Dash application: ``create_app()`` builds it from the pages.

Every section's callback builds the request from its form (an
:class:`~monpol.core.errors.InputError` is shown in the page with the CLI's message), runs
the api function through the :class:`~monpol.dashboard.runner.Runner` (time limit, worker
processes) and renders the result. Every exception is caught in the callback and shown in
the section, so a failing input never stops the server or the other sections.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import dash
from dash import Input, Output, dcc, html

import monpol.dashboard.render as render
from monpol.core.errors import InputError
from monpol.dashboard.forms import FieldSpec, Form, request_fields
from monpol.dashboard.page import ApiEntry, Page, Section, discover_pages, resolve
from monpol.dashboard.runner import Runner

__all__ = ["Dashboard", "create_app"]

ASSETS = Path(__file__).with_name("assets")


class Dashboard(dash.Dash):
    """A :class:`dash.Dash` app that also holds its pages and its runner."""

    monpol_pages: list[Page]
    monpol_runner: Runner
    monpol_forms: dict[str, Form]
    monpol_missing: dict[str, str]


def _label(spec: FieldSpec) -> html.Label:
    bits = [html.Span(spec.name, className="monpol-field-name")]
    if spec.bounds_text:
        bits.append(html.Span(f" ({spec.bounds_text})", className="monpol-bounds"))
    return html.Label(bits, htmlFor=None, title=spec.description)


def _widget(form: Form, spec: FieldSpec) -> Any:
    wid = form.widget_id(spec)
    value = form.initial(spec)
    if spec.kind == "bool":
        return dcc.Checklist(id=wid, options=[{"label": " yes", "value": "on"}], value=value,
                             inline=True)
    if spec.kind in ("choice", "choices"):
        options = [{"label": str(c), "value": c} for c in spec.choices]
        if spec.kind == "choice" and spec.optional:
            options.insert(0, {"label": "(none)", "value": "__none__"})
        if spec.kind == "choice" and len(options) <= 6:
            return dcc.RadioItems(id=wid, options=options, value=value, inline=True,
                                  className="monpol-radio")
        return dcc.Dropdown(id=wid, options=options, value=value, clearable=False,
                            multi=spec.kind == "choices", className="monpol-dropdown")
    placeholder = {"mapping": "NAME=1;2;3, NAME=4" if spec.item_sequence else
                   "NAME=VALUE, NAME=VALUE", "list": "a, b, c"}.get(spec.kind, "")
    if spec.optional and not placeholder:
        placeholder = "(none)"
    return dcc.Input(id=wid, type="text", value=value, debounce=True, placeholder=placeholder,
                     className="monpol-input")


def _field(form: Form, spec: FieldSpec) -> html.Div:
    return html.Div([_label(spec), _widget(form, spec),
                     html.Div(spec.description, className="monpol-help")],
                    className="monpol-field")


def _form_layout(form: Form, primary: Sequence[str]) -> html.Div:
    first = [f for f in form.fields if not primary or f.name in primary]
    first.sort(key=lambda f: list(primary).index(f.name) if f.name in primary else 0)
    rest = [f for f in form.fields if f not in first]
    parts: list[Any] = [html.Div([_field(form, f) for f in first], className="monpol-form")]
    if rest:
        parts.append(html.Details([html.Summary(f"More inputs ({len(rest)})"),
                                   html.Div([_field(form, f) for f in rest],
                                            className="monpol-form")]))
    return html.Div(parts)


def _section_layout(page: Page, section: Section, form: Form | None, missing: str) -> html.Section:
    sid = page.section_id(section)
    head: list[Any] = [html.H3(section.title)]
    if section.intro:
        head.append(dcc.Markdown(section.intro, className="monpol-intro"))
    if form is None:
        head.append(html.Div([html.Strong("not available: "),
                              html.Span(missing, id=f"{sid}--missing")],
                             className="monpol-missing"))
        return html.Section(head, id=sid, className="monpol-section")
    body = dcc.Loading(html.Div(id=f"{sid}--output", className="monpol-output"),
                       type="dot", delay_show=300)
    return html.Section([*head, _form_layout(form, section.primary), body], id=sid,
                        className="monpol-section")


def _page_layout(page: Page, forms: dict[str, Form], missing: dict[str, str]) -> html.Div:
    parts: list[Any] = [html.H2(page.title), dcc.Markdown(page.intro, className="monpol-intro")]
    for section in page.sections:
        sid = page.section_id(section)
        parts.append(_section_layout(page, section, forms.get(sid), missing.get(sid, "")))
    return html.Div(parts, id=f"page-{page.key}")


def _index(pages: Sequence[Page]) -> html.Div:
    items = [html.Li([dcc.Link(p.title, href=p.path), html.Span(" — "),
                      dcc.Markdown(p.intro.split("\n\n")[0], className="monpol-inline")])
             for p in pages]
    return html.Div([html.H2("monpol dashboard"),
                     html.P("Inputs on the left of each section; the charts and tables follow "
                            "the inputs. Rates in percent per year. Every number comes from "
                            "the same application layer as the CLI."),
                     html.Ul(items)], id="page-index")


def _render_result(page: Page, section: Section, result: Any, request: Any) -> list[Any]:
    sid = page.section_id(section)
    out: list[Any] = []
    if section.figures is not None:
        for i, fig in enumerate(section.figures(result, request)):
            out.append(render.graph(fig, graph_id=f"{sid}--figure-{i}"))
    if section.image:
        img = render.matplotlib_image(result, image_id=f"{sid}--image")
        if img is not None:
            out.append(img)
    if section.published is not None:
        rows = list(section.published(result, request))
        if rows:
            out.append(render.published_table(rows, section_id=sid))
    if section.tables is not None:
        for i, (title, frame) in enumerate(section.tables(result, request)):
            out.append(render.frame_table(frame, table_id=f"{sid}--table-{i}", caption=title,
                                          index=frame.index.name is not None))
    out += render.summary_tables(result.summary(), section_id=sid)
    if section.frame:
        frame = result.to_frame()
        out.append(html.Details([
            html.Summary(f"Data: to_frame() ({len(frame):,} rows × {frame.shape[1]} columns)"),
            render.data_table(frame, table_id=f"{sid}--data")]))
    return out


def _register(app: Dashboard, page: Page, section: Section, form: Form, entry: ApiEntry) -> None:
    sid = page.section_id(section)
    run = entry.run
    assert run is not None
    runner = app.monpol_runner

    def compute(*raw: Any) -> list[Any]:
        start = time.perf_counter()
        try:
            request = form.build(raw)
            result = runner.call(run, request)
            ran = time.perf_counter()
            out = _render_result(page, section, result, request)
            render.log.debug("%s: computed in %.2f s, rendered in %.2f s", sid, ran - start,
                             time.perf_counter() - ran)
            return out
        except Exception as exc:   # shown in the page; the server goes on
            return [render.error_box(exc, section_id=sid)]

    compute.__name__ = f"compute_{sid.replace('-', '_')}"
    app.callback(Output(f"{sid}--output", "children"),
                 [Input(w, "value") for w in form.widget_ids])(compute)


def create_app(pages: Sequence[Page] | None = None, *, workers: int = 2,
               time_limit: float = 60.0, runner: Runner | None = None) -> Dashboard:
    """The dashboard as a Dash app (serve it with :func:`monpol.dashboard.serve`).

    Parameters
    ----------
    pages
        Pages to show (default: every page of :mod:`monpol.dashboard.pages`).
    workers, time_limit
        Worker processes and seconds per computation (see :class:`Runner`); ignored when
        ``runner`` is given.
    runner
        A runner to use instead (closed with the app by :func:`serve`).

    Examples
    --------
    >>> app = create_app(workers=0)
    >>> [p.path for p in app.monpol_pages]
    ['/rules', '/exit', '/islm', '/bonds', '/events']
    """
    pages = list(discover_pages() if pages is None else pages)
    keys = [p.key for p in pages]
    if len(set(keys)) != len(keys):
        raise InputError(f"page keys repeat: {keys}")
    app = Dashboard(__name__, title="monpol dashboard", assets_folder=str(ASSETS),
                    update_title=None)  # type: ignore[arg-type]
    app.monpol_pages = pages
    apis = tuple(sorted({s.api for p in pages for s in p.sections}))
    app.monpol_runner = runner if runner is not None else Runner(
        workers=workers, time_limit=time_limit, warm=apis)
    app.monpol_forms, app.monpol_missing = {}, {}
    entries: dict[str, ApiEntry] = {}
    for page in pages:
        for section in page.sections:
            sid = page.section_id(section)
            entry = resolve(section)
            if entry.request is None:
                app.monpol_missing[sid] = entry.missing
                continue
            exclude = tuple(section.exclude)
            if not section.more:
                exclude += tuple(f.name for f in request_fields(entry.request)
                                 if f.name not in section.primary and f.name not in exclude
                                 and f.name not in section.fixed)
            try:
                app.monpol_forms[sid] = Form(sid, entry.request, exclude=exclude,
                                             defaults=section.defaults, fixed=section.fixed,
                                             limits=section.limits, choices=entry.choices)
            except InputError as exc:   # the page and the api disagree: say so in the page
                app.monpol_missing[sid] = str(exc)
                continue
            entries[sid] = entry

    nav = html.Nav([dcc.Link("monpol", href="/", className="monpol-brand")] +
                   [dcc.Link(p.title, href=p.path, id=f"nav-{p.key}") for p in pages],
                   className="monpol-nav")
    shell = html.Div([dcc.Location(id="url"), nav, html.Main(id="page")])
    app.layout = shell
    layouts = {p.path: _page_layout(p, app.monpol_forms, app.monpol_missing) for p in pages}
    app.validation_layout = html.Div(  # type: ignore[assignment]
        [shell, _index(pages), *layouts.values()])

    @app.callback(Output("page", "children"), Input("url", "pathname"))
    def route(pathname: str | None) -> Any:
        if pathname in (None, "", "/"):
            return _index(pages)
        if pathname in layouts:
            return _page_layout(next(p for p in pages if p.path == pathname),
                                app.monpol_forms, app.monpol_missing)
        return html.Div([html.H2("no such page"), html.P(f"{pathname!r}; pages: "
                                                         f"{', '.join(layouts)}")],
                        id="page-missing")

    for page in pages:
        for section in page.sections:
            sid = page.section_id(section)
            if sid in entries:
                _register(app, page, section, app.monpol_forms[sid], entries[sid])
    return app
