"""``monpol easing`` and ``monpol catalog``: the easing taxonomy, revaluation, the catalogue.

No computation here: the commands parse options, build a request of
:mod:`monpol.easing.api`, call its run function and emit the result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from monpol import easing
from monpol.cli.options import DATE, FINITE, OutputOptions, emit, emit_result, output_options
from monpol.core.results import Summary
from monpol.easing import api
from monpol.easing.catalogue import CATEGORIES

__all__ = ["COMMANDS"]

_DEFAULT = easing.Thresholds()


@click.group("easing")
def easing_group() -> None:
    """Balance-sheet policy: classify easing (QE, qualitative, credit), revaluation."""


def _attributes(settings: tuple[str, ...]) -> dict[str, bool | None]:
    """``--set CATEGORY.ATTR=VALUE`` items as request attributes."""
    values = {"true": True, "yes": True, "false": False, "no": False, "unknown": None,
              "none": None}
    out: dict[str, bool | None] = {}
    for s in settings:
        try:
            target, value = s.split("=", 1)
            _category, attr = target.rsplit(".", 1)
        except ValueError:
            raise click.BadParameter(f"expected CATEGORY.ATTRIBUTE=VALUE; got {s!r}",
                                     param_hint="--set") from None
        if attr not in api.ATTRIBUTES or value.lower() not in values:
            raise click.BadParameter(
                f"attribute must be liquid, risky or monetary and value true, false or unknown; "
                f"got {s!r}", param_hint="--set")
        out.pop(target, None)   # a repeated setting applies last
        out[target] = values[value.lower()]
    return out


@easing_group.command("classify")
@click.option("--dataset", type=click.Choice(list(easing.BALANCE_SHEET_DATASETS)),
              help="A bundled pair of balance sheets.")
@click.option("--before", "before_file", type=click.Path(dir_okay=False, path_type=Path),
              help="CSV file with the earlier balance sheet (long format, see docs).")
@click.option("--after", "after_file", type=click.Path(dir_okay=False, path_type=Path),
              help="CSV file with the later balance sheet.")
@click.option("--before-date", type=DATE, default=None, help="Date to pick when --before holds several.")
@click.option("--after-date", type=DATE, default=None, help="Date to pick when --after holds several.")
@click.option("--unit", default=None, help="Unit label when the files have no unit column "
              "(e.g. 'USD mn').")
@click.option("--institution", default=None, help="Institution when the files have no "
              "institution column.")
@click.option("--size-threshold", type=FINITE, default=_DEFAULT.size_change_pct, show_default=True,
              help="|size change| in percent for an expansion/contraction.")
@click.option("--risk-threshold", type=FINITE, default=_DEFAULT.risk_shift_pp, show_default=True,
              help="Rise of the risky share (points) for a shift toward risk.")
@click.option("--liquidity-threshold", type=FINITE, default=_DEFAULT.liquidity_shift_pp, show_default=True,
              help="Fall of the liquid share (points) for a shift toward illiquidity.")
@click.option("--composition-threshold", type=FINITE, default=_DEFAULT.composition_pp, show_default=True,
              help="Composition distance (percent) below which composition_constant is "
              "true (reported; not part of the verdict).")
@click.option("--driver-threshold", type=FINITE, default=_DEFAULT.driver_share_pct, show_default=True,
              help="Share of the expansion (percent) that makes a side the driver (and "
              "that monetary liabilities must finance for consequential QE).")
@click.option("--distance", type=click.Choice(easing.DISTANCES.names()),
              default="total_variation", show_default=True, help="Composition distance.")
@click.option("--stated-target", type=click.Choice(["auto", "none"]), default="auto",
              show_default=True, help="auto: look up a reserve target in the catalogue.")
@click.option("--set", "settings", multiple=True, metavar="CATEGORY.ATTR=VALUE",
              help="Change a category attribute, e.g. other.risky=true (repeatable).")
@output_options
def classify_cmd(dataset: str | None, before_file: Path | None, after_file: Path | None,
                 before_date: str | None, after_date: str | None, unit: str | None,
                 institution: str | None, size_threshold: float, risk_threshold: float,
                 liquidity_threshold: float, composition_threshold: float,
                 driver_threshold: float, distance: str, stated_target: str,
                 settings: tuple[str, ...], out: OutputOptions) -> None:
    """Classify the change between two balance sheets.

    Either --dataset fed-2007-2008|boj-2000-2005, or --before FILE --after FILE. JSON keys:
    verdict, driver, intent, size_change_pct, composition_distance, risky_share_change,
    liquid_share_change, thresholds, margins and the composition.
    """
    fields: dict[str, Any] = {
        "dataset": dataset, "before": before_file, "after": after_file,
        "before_date": before_date, "after_date": after_date, "unit": unit,
        "institution": institution, "size_threshold": size_threshold,
        "risk_threshold": risk_threshold, "liquidity_threshold": liquidity_threshold,
        "composition_threshold": composition_threshold, "driver_threshold": driver_threshold,
        "distance": distance, "stated_target": stated_target,
        "attributes": _attributes(settings)}
    request = api.ClassifyRequest(**fields)
    emit_result(out, api.run_classify(request))


@easing_group.command("windows")
@click.option("--breaks", default=None, metavar="D1,D2,...",
              help="Window boundaries (dates); default the seed's 2007-12-19,2008-08-27,2008-12-17.")
@click.option("--freq", type=click.Choice(["M", "Q", "Y"]), default=None,
              help="Consecutive calendar windows instead of --breaks.")
@click.option("--rolling", type=click.IntRange(min=1), default=None,
              help="Every pair N weeks apart instead of --breaks.")
@click.option("--start", type=DATE, default=None, help="First date of the series used.")
@click.option("--end", type=DATE, default=None, help="Last date of the series used.")
@output_options
def windows_cmd(breaks: str | None, freq: str | None, rolling: int | None, start: str | None,
                end: str | None, out: OutputOptions) -> None:
    """Classify windows of the weekly H.4.1 series (total assets vs Treasuries)."""
    brk = [b.strip() for b in breaks.split(",")] if breaks else None
    fields: dict[str, Any] = {"breaks": brk, "freq": freq, "rolling": rolling, "start": start,
                              "end": end}
    emit_result(out, api.run_windows(api.WindowsRequest(**fields)))


@easing_group.command("revaluation")
@click.option("--foreign-assets", type=FINITE, default=None,
              help="Assets in foreign currency (home-currency value, --unit).")
@click.option("--foreign-liabilities", type=FINITE, default=0.0, show_default=True,
              help="Liabilities in foreign currency.")
@click.option("--home-assets", type=FINITE, default=0.0, show_default=True,
              help="Assets in home currency (not revalued).")
@click.option("--home-liabilities", type=FINITE, default=0.0, show_default=True,
              help="Liabilities in home currency (not revalued; seed: 21.1).")
@click.option("--positions", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=None, help="CSV: currency,assets,liabilities[,depreciation_pct].")
@click.option("--depreciation", type=FINITE, default=None,
              help="Depreciation of the home currency, percent (e.g. 5).")
@click.option("--convention", type=click.Choice(easing.CONVENTIONS.names()),
              default="home_per_foreign", show_default=True,
              help="home_per_foreign: gain = assets x d (seed); foreign_per_home: x d/(100-d).")
@click.option("--home-currency", default="USD", show_default=True)
@click.option("--unit", "unit_label", default="USD tn", show_default=True,
              help="Unit of the amounts.")
@output_options
def revaluation_cmd(foreign_assets: float | None, foreign_liabilities: float,
                    home_assets: float, home_liabilities: float, positions: Path | None,
                    depreciation: float | None, convention: str, home_currency: str,
                    unit_label: str, out: OutputOptions) -> None:
    """Valuation gain on an external position after a depreciation (JSON key: gain)."""
    fields: dict[str, Any] = {
        "foreign_assets": foreign_assets, "foreign_liabilities": foreign_liabilities,
        "home_assets": home_assets, "home_liabilities": home_liabilities,
        "positions": positions, "depreciation": depreciation, "convention": convention,
        "home_currency": home_currency, "unit": unit_label}
    request = api.RevaluationRequest(**fields)
    emit_result(out, api.run_revaluation(request))


@easing_group.command("taxonomy")
@output_options
def taxonomy_cmd(out: OutputOptions) -> None:
    """The balance-sheet categories with their liquidity, risk and monetary attributes."""
    frame = api.taxonomy().to_frame()
    s = Summary("Balance-sheet categories")
    s.add_table(frame.set_index("category")[["side", "liquid", "risky", "monetary",
                                             "description"]])
    s.add_note("Blank liquid/risky: unknown, counted in neither share. Sources: monpol easing "
               "taxonomy --format csv.")
    emit(out, data=frame, frame=frame, text=s.as_text())


@easing_group.command("lost-decade")
@output_options
def lost_decade_cmd(out: OutputOptions) -> None:
    """Japan's lost-decade figures (asset prices, bad loans, fiscal packages, timeline)."""
    emit_result(out, api.run_lost_decade(api.LostDecadeRequest()))


@click.group("catalog")
def catalog_group() -> None:
    """The catalogue of balance-sheet programmes and facilities (QE1, QE2, TAF, ...)."""


@catalog_group.command("list")
@click.option("--category", type=click.Choice(list(CATEGORIES)), default=None,
              help="Only this category.")
@click.option("--central-bank", default=None, help="Only this central bank "
              "(e.g. 'Federal Reserve', 'Bank of Japan').")
@output_options
def list_cmd(category: str | None, central_bank: str | None, out: OutputOptions) -> None:
    """List programmes and facilities."""
    emit_result(out, api.run_catalogue(api.CatalogueRequest(category=category,
                                                            central_bank=central_bank)))


@catalog_group.command("show")
@click.argument("name")
@output_options
def show_cmd(name: str, out: OutputOptions) -> None:
    """Show one entry (acronym or name): counterparties, collateral, dates, amounts, sources."""
    entry = api.programme(api.ProgrammeRequest(name=name))
    emit(out, data=entry.to_dict(), frame=entry.to_frame(), text=str(entry))


@catalog_group.command("path")
@click.argument("name")
@output_options
def path_cmd(name: str, out: OutputOptions) -> None:
    """Monthly and cumulative purchases of a programme with a schedule (QE1, QE2)."""
    emit_result(out, api.run_purchase_path(api.ProgrammeRequest(name=name)))


COMMANDS = [easing_group, catalog_group]
