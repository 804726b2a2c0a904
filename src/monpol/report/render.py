"""Writing the casebook: a self-contained ``index.html``, ``casebook.md``, CSV and PNG files."""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import monpol
from monpol.core.results import SummaryTable, frame_to_markdown

if TYPE_CHECKING:  # pragma: no cover
    from monpol.report.document import AreaOutcome, Block

__all__ = ["write_casebook"]

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;
margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{border-bottom:2px solid #333}h2{border-bottom:1px solid #aaa;margin-top:2.2em}
table.monpol-table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.9em}
table.monpol-table td,table.monpol-table th{border:1px solid #ccc;padding:3px 8px;
text-align:right}table.monpol-table th{background:#f2f2f2}
table.monpol-table td:first-child{text-align:left}
.failed{background:#fdecea;border:1px solid #e57373;padding:.6em}
.ok{color:#2e7d32}.bad{color:#c62828}pre{background:#f6f6f6;padding:.6em;overflow:auto}
figure{margin:1em 0}figcaption{font-size:.9em;color:#555}img{max-width:100%}
code{background:#f3f3f3;padding:0 3px}
"""


def _inline_html(text: str) -> str:
    escaped = html.escape(text)
    escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
    return re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", escaped)


def _paragraphs_html(text: str) -> str:
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    out = []
    for p in paras:
        lines = p.splitlines()
        if all(line.lstrip().startswith(("- ", "* ")) for line in lines):
            items = "".join(f"<li>{_inline_html(line.lstrip()[2:])}</li>" for line in lines)
            out.append(f"<ul>{items}</ul>")
        else:
            out.append(f"<p>{_inline_html(' '.join(lines))}</p>")
    return "".join(out)


def _block_html(area: str, b: Block) -> str:
    title = f"<h3>{html.escape(b.title)}</h3>" if b.title and b.kind != "figure" else ""
    if b.kind == "text":
        return title + _paragraphs_html(b.text)
    if b.kind in ("table", "choices"):
        assert b.frame is not None
        return title + SummaryTable(b.frame, "", False, b.digits).as_html()
    if b.kind == "figure":
        data = base64.b64encode(b.png).decode("ascii")
        cap = f"<figcaption>{html.escape(b.title)}</figcaption>" if b.title else ""
        return f"<figure><img alt='{html.escape(b.name)}' src='data:image/png;base64,{data}'/>{cap}</figure>"
    if b.kind == "summary":
        assert b.summary is not None
        return title + b.summary.as_html()
    raise AssertionError(b.kind)  # pragma: no cover


def _block_md(area: str, b: Block) -> str:
    title = f"#### {b.title}\n\n" if b.title and b.kind != "figure" else ""
    if b.kind == "text":
        return title + b.text
    if b.kind in ("table", "choices"):
        assert b.frame is not None
        link = f"\n\n[CSV](tables/{area}/{b.name}.csv)" if b.kind == "table" else ""
        return title + frame_to_markdown(b.frame, digits=b.digits, index=False) + link
    if b.kind == "figure":
        return f"![{b.title or b.name}](figures/{area}/{b.name}.png)" + (
            f"\n\n*{b.title}*" if b.title else ""
        )
    if b.kind == "summary":
        assert b.summary is not None
        return title + "```\n" + b.summary.as_text() + "\n```"
    raise AssertionError(b.kind)  # pragma: no cover


def write_casebook(
    root: Path, outcomes: Sequence[AreaOutcome], *, generated: dt.datetime
) -> list[str]:
    """Write every file of the casebook into ``root``; return their relative paths."""
    files: list[str] = []
    stamp = generated.strftime("%Y-%m-%d %H:%M UTC")
    head = f"monpol {monpol.__version__}, generated {stamp}"

    html_parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<title>monpol casebook</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>monpol casebook</h1>",
        f"<p>Every seed analysis reproduced on the bundled data: published figures beside "
        f"the computed ones, the choices made and the charts. {html.escape(head)}.</p>",
        "<ul>",
    ]
    md_parts = [
        "# monpol casebook",
        f"Every seed analysis reproduced on the bundled data. {head}.",
    ]
    for o in outcomes:
        status = "<span class='ok'>ok</span>" if o.ok else "<span class='bad'>FAILED</span>"
        html_parts.append(
            f"<li><a href='#{o.area.name}'>{html.escape(o.area.title)}</a> — {status}</li>"
        )
        md_parts.append(f"- [{o.area.title}](#{o.area.name}) — {'ok' if o.ok else 'FAILED'}")
    html_parts.append("</ul>")

    for o in outcomes:
        a = o.area
        src = " · ".join(
            x for x in (f"spec {a.spec}" if a.spec else "", f"seed {a.seed}" if a.seed else "") if x
        )
        html_parts.append(f"<h2 id='{a.name}'>{html.escape(a.title)}</h2>")
        md_parts.append(f"<a id='{a.name}'></a>\n\n## {a.title}")
        if src:
            html_parts.append(f"<p><em>{html.escape(src)}</em></p>")
            md_parts.append(f"*{src}*")
        if not o.ok:
            html_parts.append(
                f"<div class='failed'><strong>This section failed:</strong> "
                f"{html.escape(o.error)}<pre>{html.escape(o.traceback)}</pre></div>"
            )
            md_parts.append(f"> **This section failed:** {o.error}\n\n```\n{o.traceback}\n```")
        for b in o.blocks:
            html_parts.append(_block_html(a.name, b))
            md_parts.append(_block_md(a.name, b))
            if b.kind == "table" and b.frame is not None:
                path = root / "tables" / a.name / f"{b.name}.csv"
                path.parent.mkdir(parents=True, exist_ok=True)
                b.frame.to_csv(path, index=False, lineterminator="\n")
                files.append(str(path.relative_to(root)))
            if b.kind == "figure":
                path = root / "figures" / a.name / f"{b.name}.png"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(b.png)
                files.append(str(path.relative_to(root)))
    html_parts.append("</body></html>")
    (root / "index.html").write_text("\n".join(html_parts), encoding="utf-8")
    (root / "casebook.md").write_text("\n\n".join(md_parts) + "\n", encoding="utf-8")
    return ["index.html", "casebook.md", *files]
