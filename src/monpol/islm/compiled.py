"""Compiled engine of the flow-of-funds IS-LM model (numba; extra ``monpol[numba]``).

``solve_many(..., engine="numba")`` and ``simulate(..., engine="numba")`` run here. The engine
compiles the **same** kernel functions the numpy engine runs — no equation is written twice:

* :func:`~monpol.islm.kernels.exchange_rate`, :func:`~monpol.islm.kernels.goods_market`,
  :func:`~monpol.islm.kernels.lm_gap`, :func:`~monpol.islm.kernels.lm_gap_slope`,
  :func:`~monpol.islm.kernels.cubic_coefficients` and
  :func:`~monpol.islm.kernels.balancing_nfa_b` are compiled from their own source (type
  annotations dropped; ``Goods`` and the kernel parameters become named tuples with the
  same fields);
* :func:`~monpol.islm.kernels.complete` (which returns a dict) and
  :func:`~monpol.islm.assumptions.violated` (which reads ``v["name"]``) after one mechanical
  rewrite (:mod:`ast`): the returned dict becomes a tuple in the same key order and
  ``v["name"]`` the position of ``name`` in it.

:func:`generated_source` writes them with the drivers below into one module, named by a hash
of that text and of the numba, numpy and Python versions, kept in :func:`cache_dir` with
numba's compiled code: the first call on a machine compiles (seconds), later processes load
the compiled code; a change to any kernel gives a new file, never a stale pairing.

Only the iteration is written here. Sweeps under a floating rate run a driver without
branches (:func:`fused_source`, one per set of drawn parameters and kept variables), which the
compiler vectorises; the elements it does not settle, fixed-rate sweeps and simulations run a
period solver: the floor test, the peg, Newton on the cubic, and a safeguarded Newton on the
money-market gap with the analytic slope as :func:`monpol.islm.solver._newton` (bracket, one
polishing step, the solver's acceptance test). Anything the engine cannot settle — a Newton
iteration that does not converge, a non-finite value, a period that violates an assumption
while ``on_violation="raise"`` — is handed back to the numpy engine, which gives the answer or
the error with its message (brentq fallback included). Tests assert that both engines agree to
rounding on floor, corridor, fixed-rate and ``paper`` cases, for sweeps and simulations.

Compile and load times are printed by ``benchmarks/islm_vectorised.py``.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import inspect
import math
import os
import sys
import tempfile
import textwrap
import threading
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np
import platformdirs

from monpol.core.errors import InputError
from monpol.core.io import atomic_write_text
from monpol.islm.assumptions import ASSUMPTIONS, CODES, violated
from monpol.islm.kernels import (
    FIRST_STEP,
    KERNEL_FIELDS,
    MAX_SPREAD,
    Goods,
    balancing_nfa_b,
    complete,
    cubic_coefficients,
    exchange_rate,
    goods_market,
    kernel_params,
    lm_gap,
    lm_gap_slope,
)
from monpol.islm.solver import LM_RTOL, RATE_TIE, newton_bracket_step

__all__ = ["COMPLETE_KEYS", "ENGINES", "available", "require", "simulate_path", "solve_block"]


def _stamp(file: str) -> int:
    try:
        return os.stat(file).st_mtime_ns
    except OSError:
        return -1


#: modification times of the files whose source is compiled, when this process imported them
_IMPORTED = {m.__name__: _stamp(m.__file__ or "") for m in (
    sys.modules["monpol.islm.kernels"], sys.modules["monpol.islm.assumptions"],
    sys.modules["monpol.islm.solver"], sys.modules[__name__])}

#: engines of :func:`~monpol.islm.solve_many` and :func:`~monpol.islm.simulate`
ENGINES = ("numpy", "numba")


def _complete_keys() -> tuple[str, ...]:
    p = kernel_params(_spec())
    g = goods_market(p, p.i_R)
    return tuple(complete(p, g, 0.0, p.B_c))


def _spec() -> Any:
    from monpol.islm.spec import IslmSpec

    return IslmSpec()


#: names of the values the compiled ``complete`` returns, in order (the keys of the dict of
#: :func:`~monpol.islm.kernels.complete`)
COMPLETE_KEYS: tuple[str, ...] = _complete_keys()
_FLOAT_FIELDS = tuple(f for f in KERNEL_FIELDS if f not in ("paper", "fixed"))
if KERNEL_FIELDS[-2:] != ("paper", "fixed"):  # pragma: no cover - the parameter row relies on it
    raise RuntimeError("KernelParams must end with its two flags, paper and fixed")
PARAM_INDEX = {f: i for i, f in enumerate(_FLOAT_FIELDS)}
VALUE_INDEX = {k: i for i, k in enumerate(COMPLETE_KEYS)}


def available() -> bool:
    """Whether numba can be imported."""
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True


def require() -> Any:
    """The numba module, or :class:`InputError` naming the extra to install."""
    try:
        import numba
    except ImportError:
        raise InputError(
            "engine 'numba' needs numba: pip install \"monpol[numba]\" (or use engine='numpy')"
        ) from None
    return numba


# --- compiling the kernels ------------------------------------------------------------------


class _Rewrite(ast.NodeTransformer):
    """Drop annotations and decorators; ``return {"k": x, ...}`` → ``return (x, ...)``;
    with ``index``, ``v["k"]`` → ``v[i]``."""

    def __init__(self, index: dict[str, int] | None) -> None:
        self.index = index
        self.keys: list[str] = []

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        node.returns = None
        node.decorator_list = []
        for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs):
            a.annotation = None
        self.generic_visit(node)
        return node

    def visit_Return(self, node: ast.Return) -> ast.AST:
        if isinstance(node.value, ast.Dict):
            self.keys = [str(k.value) for k in node.value.keys if isinstance(k, ast.Constant)]
            if len(self.keys) != len(node.value.keys):  # pragma: no cover - source checked by tests
                raise TypeError("the dict returned must have constant keys")
            node.value = ast.Tuple(elts=node.value.values, ctx=ast.Load())
        self.generic_visit(node)
        return node

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        self.generic_visit(node)
        if (self.index is not None and isinstance(node.slice, ast.Constant)
                and isinstance(node.slice.value, str)):
            node.slice = ast.Constant(self.index[node.slice.value])
        return node


def _source(fn: Callable[..., Any], index: dict[str, int] | None = None) -> tuple[str, list[str]]:
    """The source of ``fn`` after :class:`_Rewrite`, and the keys of a dict it returned.

    The text is read from the file, which must be the one this process imported (a file
    edited since would give another function; its modification time is compared).
    """
    file = inspect.getsourcefile(fn)
    if file is None or _stamp(file) != _IMPORTED.get(fn.__module__, _stamp(file)):
        raise RuntimeError(f"the source of {fn.__module__}.{fn.__name__} on disk is not the "
                           f"code this process runs (edited since import?); restart Python")
    text = textwrap.dedent(inspect.getsource(fn))
    tree = ast.parse(text)
    rw = _Rewrite(index)
    tree = ast.fix_missing_locations(rw.visit(tree))
    return ast.unparse(tree), rw.keys


def _tree_sum(n: int, lo: int = 0) -> str:
    """``v[0] + ... + v[n-1]`` as a balanced tree (independent additions; a NaN or an
    infinity anywhere still makes the sum non-finite, inf − inf being NaN)."""
    if n == 1:
        return f"v[{lo}]"
    half = n // 2
    return f"({_tree_sum(half, lo)} + {_tree_sum(n - half, lo + half)})"


# inlined into their callers: the small kernels, the period solver and complete/violated (one
# call site each); compiled once and called: the goods market, the gap and slope and the cubic
# (inlining them too compiled ~2-3× longer for ≤ 20 % speed, measured)
_INLINE = ("exchange_rate", "balancing_nfa_b", "lm_gap", "make_params", "finite", "_cubic_root",
           "_solve_period", "complete", "violated", "newton_bracket_step")
_CALLED = ("goods_market", "lm_gap_slope", "cubic_coefficients", "_many", "_simulate")


def generated_source(*, inline_all: bool = False) -> str:
    """The module the engine compiles: the kernels' own code and the drivers, in one file.

    Kernels: :func:`~monpol.islm.kernels.exchange_rate`, ``goods_market``, ``lm_gap``,
    ``lm_gap_slope``, ``cubic_coefficients``, ``balancing_nfa_b``, ``complete`` (its dict as
    a tuple) and :func:`~monpol.islm.assumptions.violated` (``v["name"]`` as a position),
    their source with annotations dropped; the drivers of this module likewise. One file so
    that numba's on-disk cache, which checks only the file a function is in, can never pair a
    driver with an older kernel: the file's name carries a hash of everything it came from.
    """
    parts = [
        '"""Generated by monpol.islm.compiled from monpol/islm/kernels.py, assumptions.py and '
        'compiled.py; do not edit."""',
        "import collections", "import math", "import numba", "import numpy as np", "",
        f"Goods = collections.namedtuple('Goods', {[f.name for f in fields(Goods)]!r})",
        f"P = collections.namedtuple('KernelParams', {list(KERNEL_FIELDS)!r})",
    ]
    # the solver's tolerances and steps, and the positions the drivers read
    constants = {"RATE_TIE": RATE_TIE, "LM_RTOL": LM_RTOL, "FIRST_STEP": FIRST_STEP,
                 "MAX_SPREAD": MAX_SPREAD, **{k: globals()[k] for k in _DRIVER_CONSTANTS}}
    for name, value in constants.items():
        text = (f"np.array({value.tolist()!r}, dtype=np.int64)" if isinstance(value, np.ndarray)
                else repr(value))
        parts.append(f"{name} = {text}")
    kernel_fns: tuple[Callable[..., Any], ...] = (
        exchange_rate, balancing_nfa_b, goods_market, lm_gap, lm_gap_slope, cubic_coefficients,
        newton_bracket_step)
    parts.extend(_source(fn)[0] for fn in kernel_fns)
    src, keys = _source(complete)
    if tuple(keys) != COMPLETE_KEYS:  # pragma: no cover - guarded by tests
        raise RuntimeError("the dict of complete() changed while the module was loaded")
    parts.append(src)
    parts.append(_source(violated, VALUE_INDEX)[0])
    items = ", ".join(f"r[{i}]" for i in range(len(_FLOAT_FIELDS)))
    parts.append(f"def make_params(r, paper, fixed):\n    return P({items}, paper, fixed)")
    parts.append(f"def finite(v):\n    return math.isfinite({_tree_sum(len(COMPLETE_KEYS))})")
    drivers: tuple[Callable[..., Any], ...] = (_cubic_root, _solve_period, _many, _simulate)
    parts.extend(_source(fn)[0] for fn in drivers)
    inline, called = ((*_INLINE, *_CALLED), ()) if inline_all else (_INLINE, _CALLED)
    for name in inline:
        parts.append(f"{name} = numba.njit(cache=True, nogil=True, error_model='numpy', "
                     f"inline='always')({name})")
    for name in called:
        parts.append(f"{name} = numba.njit(cache=True, nogil=True, error_model='numpy')({name})")
    for name in (*_INLINE, *_CALLED):  # the drivers call the kernels by these names
        if not name.startswith("_"):
            parts.append(f"_k_{name} = {name}")
    parts.append("_k_cubic_root = _cubic_root")
    parts.append("_k_solve_period = _solve_period")
    return "\n\n".join(parts) + "\n"


def cache_dir() -> Path:
    """Where the generated module and numba's compiled code are kept between processes:
    ``$MONPOL_CACHE_DIR/compiled``, else the platform's user cache directory
    (``monpol/compiled``)."""
    env = os.environ.get("MONPOL_CACHE_DIR")
    root = Path(env) if env else Path(platformdirs.user_cache_dir("monpol"))
    return root / "compiled"


def _module_file(source: str, numba_version: str) -> tuple[str, str]:
    key = hashlib.sha256("\0".join((source, numba_version, np.__version__, sys.version))
                         .encode()).hexdigest()[:16]
    return f"monpol_islm_{key}", f"monpol_islm_{key}.py"


def module_path(filename: str, source: str) -> Path:
    """Write the generated module into :func:`cache_dir` (once; atomically) and return its
    path; if that folder cannot be written, a temporary folder (no reuse across runs)."""
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / filename
        if not path.exists() or path.read_text(encoding="utf-8") != source:
            atomic_write_text(path, source, overwrite=True)
    except OSError:
        path = Path(tempfile.mkdtemp(prefix="monpol-compiled-")) / filename
        path.write_text(source, encoding="utf-8")
    return path


_LOCK = threading.Lock()
_COMPILED: dict[str, Any] = {}


def _load(source: str) -> Any:
    """Import a generated module from :func:`cache_dir` (written there once)."""
    numba = require()
    name, filename = _module_file(source, numba.__version__)
    if name in sys.modules:
        return sys.modules[name]
    path = module_path(filename, source)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:  # pragma: no cover - a .py path always loads
        raise RuntimeError(f"cannot load the generated module {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _kernels() -> dict[str, Any]:
    """The compiled module (generated, imported and compiled once per process; numba's code
    is cached on disk, so later processes load it instead of compiling)."""
    with _LOCK:
        if _COMPILED:
            return _COMPILED
        module = _load(generated_source())
        for fn in ("exchange_rate", "goods_market", "lm_gap", "lm_gap_slope",
                   "cubic_coefficients", "balancing_nfa_b", "complete", "violated",
                   "make_params", "finite"):
            _COMPILED[fn] = getattr(module, fn)
        _COMPILED["solve_period"] = module._solve_period
        _COMPILED["many"] = module._many
        _COMPILED["simulate"] = module._simulate
        _COMPILED["module"] = module
        return _COMPILED


#: Newton steps on the cubic in the fused sweep (every element takes them all; the few not
#: settled by then are solved again one by one): from ī_R about six are needed on average
FUSED_ITERATIONS = 8
#: one safeguarded Newton step on the cubic without branches (as _cubic_root: bracket,
#: bisection or doubling when the step leaves it, one polishing step, then frozen)
_NEWTON_STEP = (
    "f = ((a * x + bq) * x + cq) * x + dq",
    "df = (3.0 * a * x + 2.0 * bq) * x + cq",
    "conv = abs(f) <= ctol",
    "below = f < 0.0",
    "lo = x if below else lo",
    "hi = hi if below else x",
    "step = x - f / df",
    "inside = (df > 0.0) & (step > lo) & (step < hi)",
    "alt = 0.5 * (lo + hi) if hi < math.inf else lo + max(2.0 * (lo - i_R), FIRST_STEP)",
    "polished = step if df > 0.0 else x",
    "nxt = polished if conv else (step if inside else alt)",
    "x = x if (done | lost) else nxt",
    "lost = lost | ((not (done | conv)) & (x - i_R > MAX_SPREAD))",
    "done = done | conv",
)
_FUSED: dict[tuple[Any, ...], Any] = {}


def fused_source(drawn: tuple[str, ...], keep: tuple[str, ...], rates: tuple[str, ...],
                 fb_open: bool, nfa_balance: bool, paper: bool) -> str:
    """A sweep driver without branches for one set of drawn parameters and kept variables.

    Floating exchange rate only. Every element takes the same steps — the floor test, the
    cubic's coefficients, :data:`FUSED_ITERATIONS` safeguarded Newton steps on the cubic
    written as selections (frozen once converged, after one polishing step), the solver's
    acceptance test on the kernel's gap, every variable, the assumption checks — so the
    compiler runs several elements at once in vector registers (checked in the tests on the
    machine code). The parameters come from the drawn columns or the base row as written into
    the source; the floor and settled masks are written as such, the others as bits of one
    status word per element (bit 0 not accepted, 1.. the assumptions); elements not accepted
    are solved again by the period solver.
    """
    col = {m: f"c{j}[i]" for j, m in enumerate(drawn)}
    expr = {f: col.get(f, f"b[{PARAM_INDEX[f]}]") for f in _FLOAT_FIELDS}
    pre = []
    if fb_open:
        pre.append(f"fbo = {expr['FB_g']}")
        expr["FB_g_open"] = "fbo"
    if nfa_balance:
        args = ", ".join(expr[f] for f in ("W_h_1", "K_fs_1", "K_fl_1", "FB_F_1", "e_1",
                                           "FB_g_open", "B_g_1"))
        pre.append(f"nfa = balancing_nfa_b({args})")
        expr["NFA_b_1"] = "nfa"
    cols = "".join(f", c{j}" for j in range(len(drawn)))
    writes = [f"out[{j}, i] = v[{VALUE_INDEX[m]}]" + (" * 100.0" if m in rates else "")
              for j, m in enumerate(keep)]
    flag_bits = " | ".join(f"(np.int32(ok & bad[{c}]) << {c + 1})" for c in range(_N_CHECKS))
    body = [
        *pre,
        f"p = P({', '.join(expr[f] for f in _FLOAT_FIELDS)}, {paper}, False)",
        "i_R = p.i_R",
        "g0 = goods_market(p, i_R)",
        "gap0 = lm_gap(p, g0)",
        "a, bq, cq, dq = cubic_coefficients(p, 0.0, 1.0)",
        "ctol = LM_RTOL * max(abs(p.CBL + p.B_c), 1.0) * (p.theta + p.c_FB - p.i_FB + i_R)",
        "x = i_R", "lo = i_R", "hi = math.inf", "done = False", "lost = False",
        # the steps written out one after the other (a loop here keeps the compiler from
        # running elements side by side beyond ~6 steps, measured)
        *(_NEWTON_STEP * FUSED_ITERATIONS),
        "floor = gap0 >= 0.0",
        "xc = i_R if floor else x",
        "g = goods_market(p, xc)",
        "gapc = lm_gap(p, g)",
        "tol = LM_RTOL * max(abs(p.CBL + p.B_c), abs(gap0), 1.0)",
        "accept = floor | (done & (not lost) & (xc > i_R) "
        "& (abs(gapc) <= max(tol, LM_RTOL * abs(g.D))))",
        "eps = gap0 / g0.D if floor else 0.0",
        "v = complete(p, g, eps, p.B_c)",
        "ok = accept & ((g.D > 0.0) | (not floor)) & finite(v)",
        f"bad = violated(v, p, {'v[_V_GAP]' if paper else '0.0'})",
        *writes,
        "at_floor[i] = floor",
        "converged[i] = ok",
        # the masks as bits of one status word (eleven strided stores into a 2-D mask array
        # keep the compiler from vectorising the loop, measured)
        "st[i] = (np.int32(not accept) | " + flag_bits + ")",
    ]
    lines = [f"def fused(b{cols}, out, at_floor, converged, st):",
             "    for i in range(out.shape[1]):", *("        " + ln for ln in body)]
    return ("\n".join(lines)
            + "\n\nfused = numba.njit(cache=True, nogil=True, error_model='numpy')(fused)\n")


#: draws from which a sweep compiles the fused driver for its set of drawn parameters and
#: kept variables (about 4 s, then kept on disk): in one call, or solved for that set by the
#: period solver in this process so far; until then the shared period solver runs, unless the
#: driver is compiled already (in this process or in the cache)
FUSED_MIN_DRAWS = 2_000_000
_FUSED_SOURCE: dict[tuple[Any, ...], tuple[str, str]] = {}
_FUSED_SEEN: dict[tuple[Any, ...], int] = {}


def _fused(key: tuple[Any, ...], total: int, chunk: int) -> Any | None:
    """The fused driver for ``key``, or None (see :data:`FUSED_MIN_DRAWS`); ``total`` is the
    call's number of draws, ``chunk`` this chunk's."""
    with _LOCK:
        if key in _FUSED:
            return _FUSED[key]
        if key not in _FUSED_SOURCE:
            source = generated_source(inline_all=True) + "\n\n" + fused_source(*key)
            _FUSED_SOURCE[key] = (source, _module_file(source, require().__version__)[0])
        source, name = _FUSED_SOURCE[key]
        seen = _FUSED_SEEN.get(key, 0)
        if (max(total, seen) < FUSED_MIN_DRAWS
                and not any((cache_dir() / "__pycache__").glob(f"{name}.fused-*.nbi"))):
            _FUSED_SEEN[key] = seen + chunk
            return None
        _FUSED[key] = _load(source).fused
        return _FUSED[key]


# --- drivers (compiled by numba; the ``_k_*`` globals are the compiled kernels) --------------

_FB_G = PARAM_INDEX["FB_g"]
_FB_G_OPEN = PARAM_INDEX["FB_g_open"]
_NFA_B_1 = PARAM_INDEX["NFA_b_1"]
_B_C = PARAM_INDEX["B_c"]
_I_FB = PARAM_INDEX["i_FB"]
_I_FB_1 = PARAM_INDEX["i_FB_1"]
_BALANCE = np.array([PARAM_INDEX[k] for k in ("W_h_1", "K_fs_1", "K_fl_1", "FB_F_1", "e_1",
                                              "FB_g_open", "B_g_1")], dtype=np.int64)
#: state carried from one period to the next: (parameter position, value position)
_CARRY = np.array([(PARAM_INDEX[a], VALUE_INDEX[b]) for a, b in (
    ("W_h_1", "W_h"), ("K_fs_1", "K_fs"), ("K_fl_1", "K_fl"), ("FB_F_1", "FB_F"), ("e_1", "e"),
    ("B_g_1", "B_g"), ("NFA_b_1", "NFA_b"))], dtype=np.int64)
_V_GAP = VALUE_INDEX["accounting_gap"]
_V_IC = VALUE_INDEX["i_C"]
_V_BC = VALUE_INDEX["B_c"]
_N_CHECKS = len(ASSUMPTIONS)

#: module constants the drivers read (copied into the generated module)
_DRIVER_CONSTANTS = ("_FB_G", "_FB_G_OPEN", "_NFA_B_1", "_B_C", "_I_FB", "_I_FB_1", "_BALANCE",
                     "_CARRY", "_V_GAP", "_V_IC", "_V_BC", "_N_CHECKS")

# the compiled kernels the drivers call (bound in the generated module; never called here)
_k_goods_market: Any = None
_k_lm_gap: Any = None
_k_lm_gap_slope: Any = None
_k_complete: Any = None
_k_violated: Any = None
_k_make_params: Any = None
_k_balancing_nfa_b: Any = None
_k_solve_period: Any = None
_k_cubic_root: Any = None
_k_cubic_coefficients: Any = None
_k_finite: Any = None
_k_newton_bracket_step: Any = None


def _cubic_root(p: Any, guess: float, maxiter: int) -> tuple[float, int]:
    """Root of the cubic z·gap above ī_R by safeguarded Newton, with one polishing step (as
    vectorised._newton_cubic), and the iterations; NaN when none is found within ``maxiter``
    steps and ``MAX_SPREAD``."""
    a, b, c, d = _k_cubic_coefficients(p, 0.0, 1.0)
    i_R = p.i_R
    ctol = LM_RTOL * max(abs(p.CBL + p.B_c), 1.0) * (p.theta + p.c_FB - p.i_FB + i_R)
    lo, hi = i_R, math.inf
    x = guess if guess > i_R else i_R
    for k in range(1, maxiter + 1):
        f = ((a * x + b) * x + c) * x + d
        df = (3.0 * a * x + 2.0 * b) * x + c
        if abs(f) <= ctol:
            return (x - f / df if df > 0.0 else x), k
        x, lo, hi = _k_newton_bracket_step(x, f, df, lo, hi, i_R)
        if math.isnan(x):
            break
    return math.nan, maxiter


def _solve_period(p: Any, guess: float, maxiter: int) -> tuple[Any, float, float, bool, bool, int]:
    """One period: (goods block, ε, B_c, at the floor, settled, Newton iterations).

    Fixed rate: i_C = ī_FB − c_FB (ī_R when equal to it), B_c adjusts unless the floor holds
    with the central bank's own B_c. Floating: the floor if the gap at ī_R is ≥ 0, else a
    safeguarded Newton from ``guess`` (NaN: from ī_R) as :func:`monpol.islm.solver._newton`.
    """
    i_R = p.i_R
    if p.fixed:
        i_peg = p.i_FB - p.c_FB
        tie = abs(i_peg - i_R) <= RATE_TIE
        g = _k_goods_market(p, i_R if tie else i_peg)
        gap = _k_lm_gap(p, g)
        if tie and gap >= 0.0:
            return g, gap / g.D, p.B_c, True, g.D > 0.0, 0
        return g, 0.0, (g.cc + p.beta_0) * g.D - p.CBL, tie, True, 0
    g = _k_goods_market(p, i_R)
    gap = _k_lm_gap(p, g)
    if gap >= 0.0:
        return g, gap / g.D, p.B_c, True, g.D > 0.0, 0
    scale = max(abs(p.CBL + p.B_c), abs(gap), 1.0)
    tol = LM_RTOL * scale
    # first the cubic z·gap (kernels.cubic_coefficients; z > 0 above ī_R): Newton on it costs
    # a few flops an iteration; its root must pass the scalar solver's test on the kernel's gap
    x, k = _k_cubic_root(p, guess, maxiter)
    if x > i_R:
        g = _k_goods_market(p, x)
        if abs(_k_lm_gap(p, g)) <= max(tol, LM_RTOL * abs(g.D)):
            return g, 0.0, p.B_c, False, True, k
    # otherwise the safeguarded Newton on the kernel's gap (solver._newton)
    lo, hi = i_R, math.inf
    x = guess if guess > i_R else i_R  # the previous period's rate (dynamics)
    for k in range(1, maxiter + 1):
        gap, slope = _k_lm_gap_slope(p, x)
        if not (math.isfinite(gap) and math.isfinite(slope)):
            break
        if abs(gap) <= tol and slope > 0.0:
            # one polishing step; the point before it is the fallback (solver._newton)
            g = _k_goods_market(p, x - gap / slope)
            if abs(_k_lm_gap(p, g)) <= max(tol, LM_RTOL * abs(g.D)):
                return g, 0.0, p.B_c, False, True, k + 1
            g = _k_goods_market(p, x)
            if abs(_k_lm_gap(p, g)) <= max(tol, LM_RTOL * abs(g.D)):
                return g, 0.0, p.B_c, False, True, k + 1
            break
        x, lo, hi = _k_newton_bracket_step(x, gap, slope, lo, hi, i_R)
        if math.isnan(x) or hi - lo <= 1e-16:
            x = lo
            break
    return _k_goods_market(p, x), 0.0, p.B_c, False, False, maxiter


def _many(base: np.ndarray, drawn_pos: np.ndarray, drawn: np.ndarray, fb_open: bool,
          nfa_balance: bool, paper: bool, fixed: bool, keep_pos: np.ndarray,
          keep_scale: np.ndarray, maxiter: int, out: np.ndarray, at_floor: np.ndarray,
          converged: np.ndarray, flags: np.ndarray) -> int:
    """Solve every draw (columns of ``drawn``, kernel units) into the output arrays."""
    n = drawn.shape[1]
    row = base.copy()
    it_max = 0
    nan = math.nan
    for i in range(n):
        for j in range(drawn_pos.size):
            row[drawn_pos[j]] = drawn[j, i]
        if fb_open:
            row[_FB_G_OPEN] = row[_FB_G]
        if nfa_balance:
            b = _BALANCE
            row[_NFA_B_1] = _k_balancing_nfa_b(row[b[0]], row[b[1]], row[b[2]], row[b[3]],
                                               row[b[4]], row[b[5]], row[b[6]])
        p = _k_make_params(row, paper, fixed)
        g, eps, B_c, floor, ok, k = _k_solve_period(p, nan, maxiter)
        v = _k_complete(p, g, eps, B_c)
        ok = ok and _k_finite(v)  # a NaN or an infinity anywhere: not settled (as numpy)
        bad = _k_violated(v, p, v[_V_GAP] if paper else 0.0)
        if ok:  # flags arrive zeroed: write only the violations
            for c in range(_N_CHECKS):
                if bad[c]:
                    flags[c, i] = True
        for j in range(keep_pos.size):
            out[j, i] = v[keep_pos[j]] * keep_scale[j] if ok else nan
        at_floor[i] = floor
        converged[i] = ok
        it_max = max(it_max, k if not floor else 0)
    return it_max


def _simulate(base: np.ndarray, path_pos: np.ndarray, paths: np.ndarray, bc_path: np.ndarray,
              paper: bool, fixed: bool, values: np.ndarray, params: np.ndarray,
              at_floor: np.ndarray, flags: np.ndarray, expected: np.ndarray) -> int:
    """Periods one after the other (as :func:`monpol.islm.dynamics.simulate`); the period
    (0-based) the engine could not settle, or −1."""
    periods = values.shape[0]
    row = base.copy()
    held = bc_path[0]
    guess = math.nan
    cumulative = 0.0
    for t in range(periods):
        for j in range(path_pos.size):
            row[path_pos[j]] = paths[j, t]
        row[_B_C] = held if t == 0 else held + (bc_path[t] - bc_path[t - 1])
        p = _k_make_params(row, paper, fixed)
        g, eps, B_c, floor, ok, _ = _k_solve_period(p, guess, 39)
        if not ok:
            return t
        v = _k_complete(p, g, eps, B_c)
        if not _k_finite(v):
            return t
        cumulative += v[_V_GAP]
        w = cumulative if paper else 0.0
        bad = _k_violated(v, p, w)
        for c in range(_N_CHECKS):
            flags[t, c] = bad[c]
        for j in range(len(v)):
            values[t, j] = v[j]
        params[t, :] = row
        expected[t] = w
        at_floor[t] = floor
        guess = v[_V_IC] if not (floor or fixed) else math.nan
        held = v[_V_BC]
        for j in range(_CARRY.shape[0]):
            row[_CARRY[j, 0]] = v[_CARRY[j, 1]]
        row[_I_FB_1] = row[_I_FB]
        row[_FB_G_OPEN] = row[_FB_G]
    return -1


# --- entry points used by the vectorised solver and the dynamics --------------------------


def param_row(p: Any) -> np.ndarray:
    """The float fields of scalar kernel parameters as one row (positions of PARAM_INDEX)."""
    return np.array([float(getattr(p, f)) for f in _FLOAT_FIELDS])


def solve_block(base: np.ndarray, drawn: dict[str, np.ndarray], *, fb_open: bool,
                nfa_balance: bool, paper: bool, fixed: bool, keep: tuple[str, ...],
                rates: tuple[str, ...], maxiter: int, total: int = 0) -> dict[str, Any]:
    """Solve one chunk of draws (kernel units): kept values (public units) and masks.

    Floating rate: the fused driver (:func:`fused_source`; see :data:`FUSED_MIN_DRAWS` for
    when, ``total`` being the draws of the whole call) for every element, then the period
    solver for the elements it did not settle; fixed rate or no fused driver: the period
    solver.
    """
    k = _kernels()
    names = list(drawn)
    n = next(iter(drawn.values())).size if drawn else 1
    columns = [np.ascontiguousarray(np.broadcast_to(drawn[m], (n,)), dtype=float) for m in names]
    keep_pos = np.array([VALUE_INDEX[m] for m in keep], dtype=np.int64)
    keep_scale = np.array([100.0 if m in rates else 1.0 for m in keep])
    out = np.empty((len(keep), n))
    at_floor = np.empty(n, dtype=bool)
    converged = np.empty(n, dtype=bool)
    flags = np.zeros((_N_CHECKS, n), dtype=bool)
    pos = np.array([PARAM_INDEX[m] for m in names], dtype=np.int64)
    fused = (None if fixed or maxiter < FUSED_ITERATIONS else
             _fused((tuple(names), tuple(keep), tuple(rates), fb_open, nfa_balance, paper), total,
                    n))
    todo: np.ndarray | slice = slice(None)  # the period solver for every element
    iterations = 0
    if fused is not None:
        st = np.empty(n, dtype=np.int32)
        fused(base, *columns, out, at_floor, converged, st)
        if (st >> 1).any():
            for c in range(_N_CHECKS):
                flags[c] = (st >> (c + 1)) & 1
        iterations = FUSED_ITERATIONS if not at_floor.all() else 0
        todo = np.flatnonzero(st & 1)  # not settled by the fused steps
    m = n if isinstance(todo, slice) else todo.size
    if m:
        mat = np.stack([c[todo] for c in columns]) if names else np.zeros((0, m))
        sub = (np.empty((len(keep), m)), np.empty(m, dtype=bool), np.empty(m, dtype=bool),
               np.zeros((_N_CHECKS, m), dtype=bool))
        more = k["many"](base, pos, mat, fb_open, nfa_balance, paper, fixed, keep_pos,
                         keep_scale, maxiter, *sub)
        out[:, todo], at_floor[todo], converged[todo], flags[:, todo] = sub
        iterations = max(iterations, int(more))
    return {"values": dict(zip(keep, out, strict=True)), "at_floor": at_floor,
            "converged": converged,
            "flags": dict(zip(CODES, flags, strict=True)),
            "iterations": int(iterations)}


def simulate_path(base: np.ndarray, paths: dict[str, list[float]], bc_path: list[float],
                  periods: int, *, paper: bool, fixed: bool) -> dict[str, Any] | None:
    """Run the periods; None if one could not be settled (the caller runs the numpy engine)."""
    k = _kernels()
    names = [m for m in paths if m != "B_c"]
    pos = np.array([PARAM_INDEX[m] for m in names], dtype=np.int64)
    mat = np.array([paths[m] for m in names], dtype=float).reshape(len(names), periods)
    values = np.empty((periods, len(COMPLETE_KEYS)))
    params = np.empty((periods, len(_FLOAT_FIELDS)))
    at_floor = np.empty(periods, dtype=bool)
    flags = np.empty((periods, _N_CHECKS), dtype=bool)
    expected = np.empty(periods)
    failed = k["simulate"](base, pos, mat, np.asarray(bc_path, dtype=float), paper, fixed,
                           values, params, at_floor, flags, expected)
    if failed >= 0:
        return None
    return {"values": values, "params": params, "at_floor": at_floor, "flags": flags,
            "expected": expected}
