"""Casebook section: the seed's China reaction function and the U.S. rule family."""

from __future__ import annotations

from typing import Any

import pandas as pd

from monpol import data
from monpol.report import Comparison, Section, register_area
from monpol.rules.cases import reaction_function
from monpol.rules.data import us_rule_inputs
from monpol.rules.prescribe import compare_rules, prescribe
from monpol.rules.reaction import ForwardLookingReactionFunction

# Published figures, seed 004_e2199bb23b749225.txt (Kwan, RIETI, 30 Sep 2011):
# short-run responses 0.10 (inflation) and 0.09 (growth); 2011Q3 "theoretical" rate 6.39%
# for growth 9.2% and inflation 6.2%; actual rate after the 7 July 2011 hike 6.56%.
PUBLISHED = {"inflation": 0.10, "growth": 0.09, "theoretical_rate": 6.39, "actual_rate": 6.56,
             "forecast_growth": 9.2, "forecast_inflation": 6.2}


def _china(section: Section) -> None:
    section.text(
        "**The seed's case** (Kwan, RIETI 2011): China's 1-year benchmark lending rate "
        "regressed on CPI inflation, real GDP growth (a proxy for the output gap with "
        "constant potential growth) and its own lag, 2005Q3–2011Q2, by OLS. The seed used "
        "CEIC data as of September 2011; the bundled data are NBS CPI and revised real GDP "
        "growth with the dated PBoC rate changes, so small differences from data vintage are "
        "expected and are shown, not tuned away."
    )
    model = reaction_function("china-lending-rate")
    res = model.fit()
    hac = model.fit(cov_type="hac")
    fc = res.forecast(inflation=PUBLISHED["forecast_inflation"],
                      growth=PUBLISHED["forecast_growth"])
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
                       "yes" if not tp.reject(0.05) else "no",
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
            r = reaction_function("china-lending-rate", rate=rate_def, cpi=cpi_def).fit()
            f = r.forecast(inflation=6.2, growth=9.2)
            rows.append({"rate definition": rate_def, "CPI definition": cpi_def,
                         "inflation": r.params["inflation"], "growth": r.params["growth"],
                         "lagged_rate": r.params["lagged_rate"],
                         "long-run inflation": r.long_run["inflation"],
                         "lagged rate used": f.lagged_rate, "2011Q3 forecast": f.forecast,
                         "forecast − 6.39": f.forecast - 6.39})
    section.table(pd.DataFrame(rows), name="china-definitions",
                  title="China: how the definition choices move the estimates (spec 01: about "
                        "±0.01 on coefficients, a few bp on the forecast)")
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
        rule = kw.pop("rule")
        rows.append(Comparison(label, published, round(prescribe(rule, **kw).rate, 2), "percent",
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
    inputs = us_rule_inputs(inflation="core-pce", start="1985Q1")
    paths = compare_rules(inputs)
    wide = paths.wide()
    section.figure(paths.plot(), name="us-rules",
                   caption="Policy-rule prescriptions vs the federal funds rate, 1985–2023")
    stats = paths.deviation_stats()
    section.table(stats, name="us-deviations", digits=2,
                  title="Deviations of the actual rate from each rule (actual − prescribed, "
                        "percentage points), 1985Q1–2023Q4")
    section.table(wide.loc["2019Q1":].reset_index(), name="us-recent", digits=2,
                  title="Recent prescriptions (percent)")

    model = reaction_function("us-fred-2024")
    res = model.fit(cov_type="hac")
    section.text(
        "An estimated U.S. reaction function: the funds rate on core PCE inflation, the CBO "
        "output gap and its own lag, 1987Q3–2008Q3 — from Greenspan's first full quarter to "
        "the last quarter before the rate reached its lower bound, so that the rate was the "
        "unconstrained instrument throughout. Newey–West standard errors."
    )
    section.result(res, title="U.S. reaction function (OLS, HAC)")
    gmm = ForwardLookingReactionFunction(
        us_rule_inputs(inflation="core-pce"), start="1987Q3", end="2007Q4").fit()
    section.text(
        "Beyond the seed: the forward-looking (Clarida–Galí–Gertler) form, with inflation "
        "four quarters ahead instrumented by four lags of the rate, inflation and the gap, "
        "estimated by two-step GMM (sample ends 2007Q4 so that the lead stays before the "
        "lower bound)."
    )
    section.result(gmm, title="U.S. forward-looking reaction function (GMM)")
    roll = model.rolling(window=40)
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
