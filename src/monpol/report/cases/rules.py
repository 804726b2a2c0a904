"""Casebook section: the seed's China reaction function and the U.S. rule family."""

from __future__ import annotations

from typing import Any

import pandas as pd

from monpol import data
from monpol.report import Comparison, Section, register_area
from monpol.rules import api
from monpol.rules.reaction_results import ReactionFunctionResults

# published figures of seed 004 (Kwan, RIETI, 30 Sep 2011): monpol.rules.seed
PUBLISHED = api.PUBLISHED_CHINA


def _china(section: Section) -> None:
    section.text(
        "**The seed's case** (Kwan, RIETI 2011): China's 1-year benchmark lending rate "
        "regressed on CPI inflation, real GDP growth (a proxy for the output gap with "
        "constant potential growth) and its own lag, 2005Q3–2011Q2, by OLS. The seed used "
        "CEIC data as of September 2011; the bundled data are NBS CPI and revised real GDP "
        "growth with the dated PBoC rate changes, so small differences from data vintage are "
        "expected and are shown, not tuned away."
    )
    fc = api.run_forecast(api.ForecastRequest(dataset="china-lending-rate",
                                              inflation=PUBLISHED["forecast_inflation"],
                                              growth=PUBLISHED["forecast_growth"]))
    res = fc.estimate
    assert isinstance(res, ReactionFunctionResults)
    hac = api.run_estimate(api.EstimateRequest(dataset="china-lending-rate", cov_type="hac"))
    actual_q3 = float(data.load("china-lending-rate")["lending_rate_1y_end_of_quarter"]
                      .loc["2011Q3"])
    rr = res.real_rate()
    tp = res.taylor_principle
    section.comparison(
        [
            Comparison("short-run response to inflation", PUBLISHED["inflation"],
                       float(res.params["inflation"]), "pp per pp"),
            Comparison("short-run response to growth", PUBLISHED["growth"],
                       float(res.params["growth"]), "pp per pp"),
            Comparison("2011Q3 theoretical rate (growth 9.2, inflation 6.2)",
                       PUBLISHED["theoretical_rate"], fc.forecast, "percent",
                       f"lagged rate {fc.lagged_rate} (2011Q2 end of quarter); 95% prediction "
                       f"interval [{fc.lower:.2f}, {fc.upper:.2f}]"),
            Comparison("actual rate after the 7 July 2011 hike", PUBLISHED["actual_rate"],
                       actual_q3, "percent", "bundled PBoC changes, 2011Q3 end of quarter"),
            Comparison("actual above the theoretical rate", "yes",
                       "yes" if actual_q3 > fc.forecast else "no"),
            Comparison("Taylor principle violated (long-run inflation response ≤ 1)", "yes",
                       ("yes" if not tp.reject(0.05) else "no") if tp.valid else "n/a",
                       f"long-run response {res.long_run['inflation']:.3f}; one-sided p-value "
                       f"{tp.pvalue:.4f}"),
            Comparison("real rate vs inflation", "negative correlation",
                       "negative correlation" if rr.correlation < 0 else "positive correlation",
                       f"r = {rr.correlation:.3f}"),
        ],
        name="china-published-vs-computed",
        title="China: published vs computed (default definitions)",
    )
    coef = res.to_frame().set_index("term")[["estimate", "std_error", "pvalue"]]
    coef["hac_std_error"] = hac.std_errors
    coef = coef.reset_index()
    section.table(coef, name="china-coefficients",
                  title=f"China: OLS coefficients, {res.sample.start}–{res.sample.end}, "
                        f"{res.nobs} obs, R² {res.rsquared:.3f} (HAC: Newey–West, "
                        f"{hac.maxlags} lags)")
    section.table(res.long_run.to_frame(), name="china-long-run",
                  title="China: long-run responses (delta-method standard errors)")

    rows = []
    for rate_def in ("end_of_quarter", "quarter_average"):
        for cpi_def in ("quarter_average", "last_month"):
            f = api.run_forecast(api.ForecastRequest(
                dataset="china-lending-rate", rate_definition=rate_def, cpi_definition=cpi_def,
                inflation=6.2, growth=9.2))
            r = f.estimate
            assert isinstance(r, ReactionFunctionResults)
            rows.append({"rate definition": rate_def, "CPI definition": cpi_def,
                         "inflation": r.params["inflation"], "growth": r.params["growth"],
                         "lagged_rate": r.params["lagged_rate"],
                         "long-run inflation": r.long_run["inflation"],
                         "lagged rate used": f.lagged_rate, "2011Q3 forecast": f.forecast,
                         "forecast − 6.39": f.forecast - 6.39})
    defs = pd.DataFrame(rows)
    section.table(defs, name="china-definitions",
                  title="China: how the definition choices move the estimates (spec 01: about "
                        "±0.01 on coefficients, a few bp on the forecast)")

    def span(col: str, published: float, digits: int) -> str:
        lo, hi = defs[col].min(), defs[col].max()
        # the published figures are rounded: inside means within half a unit of the last digit
        half = 0.5 * 10.0 ** -digits
        where = "inside" if lo - half <= published <= hi + half else "outside"
        return f"{lo:.{digits + 1}f} to {hi:.{digits + 1}f} (published {published}: {where})"

    section.text(
        "Across the four definition choices the inflation response runs from "
        f"{span('inflation', PUBLISHED['inflation'], 2)}, the growth response from "
        f"{span('growth', PUBLISHED['growth'], 2)} and the 2011Q3 forecast from "
        f"{span('2011Q3 forecast', PUBLISHED['theoretical_rate'], 2)}; \"inside\" allows for "
        "the rounding of the published figures to 0.01. The remaining distance under the "
        "default definitions is what data vintage (revised NBS GDP against CEIC's September "
        "2011 first releases) and the unknown definitions of the seed can produce; nothing "
        "was tuned to close it."
    )
    section.figure(res.plot(), name="china-fitted",
                   caption="Lending rate: actual vs fitted (cf. the seed's Figure 1)")
    section.figure(rr.plot(), name="china-real-rate",
                   caption="Real lending rate and CPI inflation (cf. the seed's Figure 2)")
    section.choices({
        "dependent variable": "1-year benchmark lending rate, in force at quarter end (option: "
                              "day-weighted quarter average)",
        "inflation": "CPI year on year, mean of the quarter's three months (option: last month)",
        "growth": "real GDP year on year, single quarter, revised NBS series",
        "sample": "2005Q3–2011Q2 (24 quarters); the first lag is 2005Q2's rate",
        "forecast inputs": "growth 9.2, inflation 6.2 (the seed's August 2011 CPI), lagged rate "
                           "= 2011Q2 rate",
        "standard errors": "conventional OLS; Newey–West HAC shown beside them",
        "Taylor-principle test": "one-sided t test of H0: α/(1 − ρ) ≤ 1, delta-method s.e.",
    })


def _reference_prescriptions(section: Section) -> None:
    cases: list[tuple[str, float, dict[str, Any]]] = [
        ("Taylor (1993), π 2, gap 0", 4.0, dict(rule="taylor1993", inflation=2, output_gap=0)),
        ("Taylor (1993), π 4, gap 0", 7.0, dict(rule="taylor1993", inflation=4, output_gap=0)),
        ("Taylor (1993), π 2, gap −2", 3.0, dict(rule="taylor1993", inflation=2, output_gap=-2)),
        ("Taylor (1993), π 3, gap 1", 6.0, dict(rule="taylor1993", inflation=3, output_gap=1)),
        ("pyeconomics 0.2.6: π 2.94, u 4.00, u* 4.41, Okun 2", 5.82,
         dict(rule="taylor1993", inflation=2.94, unemployment=4.0, u_star=4.41)),
        ("pyeconomics 0.2.6: same with ρ 0.9, current rate 5.50", 5.53,
         dict(rule="general", inflation=2.94, unemployment=4.0, u_star=4.41, rho=0.9,
              lagged_rate=5.5)),
    ]
    rows = []
    for label, published, kw in cases:
        rate = api.run_prescribe(api.PrescribeRequest(**kw)).rate
        rows.append(Comparison(label, published, round(rate, 2), "percent",
                               "spec 01 §1 reference values"))
    section.comparison(rows, name="reference-prescriptions",
                       title="Rule prescriptions: reference values vs computed (r* = π* = 2)")


def _us(section: Section) -> None:
    section.text(
        "**United States** (bundled FRED vintage of about April 2024): the rule family "
        "beside the effective federal funds rate, quarterly. Inflation is core PCE "
        "(12-month change, quarterly average), the output gap uses CBO potential GDP, "
        "r* = π* = 2, and inertial and first-difference rules use last quarter's actual "
        "rate, as in the Federal Reserve's Monetary Policy Report comparisons."
    )
    paths = api.run_compare(api.CompareRequest(inflation_measure="core-pce", start="1985Q1"))
    wide = paths.wide()
    frame = paths.to_frame()
    have = frame.dropna(subset=["deviation"])
    first, last = str(have["period"].min()), str(have["period"].max())
    section.figure(paths.plot(), name="us-rules",
                   caption=f"Policy-rule prescriptions vs the federal funds rate, {first}–{last}")
    stats = paths.deviation_stats()
    section.table(stats, name="us-deviations", digits=2,
                  title="Deviations of the actual rate from each rule (actual − prescribed, "
                        f"percentage points), {first}–{last}")
    elb = frame[frame["rule"] == "elb-adjusted"].set_index("period")
    liftoff = elb.loc["2009Q1":]
    above = liftoff[liftoff["unconstrained"] - liftoff["makeup"] > liftoff["prescribed"].min()]
    trough = elb.loc["2008Q4":"2015Q4", "unconstrained"]
    z = elb["makeup"]
    section.text(
        "**The ELB-adjusted rule stays at its floor.** Under the Board's definition the "
        "make-up term Z adds up, quarter by quarter, how far the actual rate stood above the "
        "balanced-approach prescription while that prescription was below the ELB, and never "
        f"decays. With the CBO output gap the balanced-approach rule fell to "
        f"{trough.min():.1f}% in {trough.idxmin()!s}, so Z reached "
        f"{z['2015Q4']:.1f} percentage points by 2015Q4 and "
        f"{z[last]:.1f} by {last} (after the 2020 episode); the "
        "unconstrained prescription, at most "
        f"{elb.loc['2016Q1':, 'unconstrained'].max():.1f}% since 2016, "
        + ("stays below Z plus the ELB, so the rule prescribes the ELB "
           f"({elb['prescribed'].min():g}%) in every quarter from 2009Q1 to {last}"
           if above.empty else
           f"exceeds Z plus the ELB only in {', '.join(map(str, above.index))}")
        + ". Its deviation statistics measure that, not a policy rule comparable with the "
        "others; Z accumulates from the first quarter of the inputs (here 1985Q1), a choice "
        "that matters only in so far as earlier ELB episodes would add to it."
    )
    section.table(wide.loc["2019Q1":].reset_index(), name="us-recent", digits=2,
                  title="Recent prescriptions (percent)")

    res = api.run_estimate(api.EstimateRequest(dataset="us-fred-2024", cov_type="hac"))
    section.text(
        "An estimated U.S. reaction function: the funds rate on core PCE inflation, the CBO "
        "output gap and its own lag, 1987Q3–2008Q3 — from the quarter Greenspan took office "
        "(August 1987) to the last quarter before the rate reached its lower bound (December "
        "2008), so that the rate was the unconstrained instrument throughout. Newey–West "
        "standard errors."
    )
    section.result(res, title="U.S. reaction function (OLS, HAC)")
    gmm = api.run_forward_looking(api.ForwardLookingRequest(
        inflation_measure="core-pce", start="1987Q3", end="2007Q4"))
    section.text(
        "Beyond the seed: the forward-looking (Clarida–Galí–Gertler) form, with inflation "
        "four quarters ahead instrumented by four lags of the rate, inflation and the gap, "
        "estimated by two-step GMM (the sample of the rate ends 2007Q4, so that the "
        "four-quarter inflation lead needs data only to 2008Q4)."
    )
    section.result(gmm, title="U.S. forward-looking reaction function (GMM)")
    roll = api.run_rolling(api.RollingRequest(dataset="us-fred-2024", window=40))
    section.figure(roll.plot(), name="us-rolling",
                   caption="Rolling 40-quarter estimates of the U.S. reaction function")
    section.choices({
        "inflation": "core PCE, 12-month change, quarterly average of monthly values",
        "output gap": "100·(GDPC1 − GDPPOT)/GDPPOT (CBO potential)",
        "policy rate": "effective federal funds rate, quarterly average",
        "r*, π*": "2 and 2 (Taylor 1993); HLW r* available as column r_star_hlw",
        "ELB-adjusted rule": "balanced-approach rule less the cumulative shortfall Z, floored at "
                             "0.125 (Federal Reserve Board definition); Z accumulates from 1985Q1",
        "first-difference rule": "coefficients 0.5 and 0.5 as in spec 01 (the Fed's page uses "
                                 "0.1 and 0.1)",
        "estimation sample": "1987Q3–2008Q3 (OLS), 1987Q3–2007Q4 (GMM)",
    })


@register_area("rules", title="Policy rules and reaction functions",
               spec="01-policy-rules.md", seed="004_e2199bb23b749225.txt", order=10)
def build(section: Section) -> None:
    """The seed's China case, reference prescriptions, and the U.S. rule family."""
    _china(section)
    _reference_prescriptions(section)
    _us(section)
