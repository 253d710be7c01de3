"""The compiler: AST to Python closures.

Each statement compiles to ``exec(ctx) -> None`` (appending output to ``ctx.out``) and each
expression to ``eval(ctx) -> value``.  A closure knows its node's span, so a runtime error
raised anywhere beneath it is located at the innermost node that was being evaluated.
Work that does not depend on the data (literal text, built-in look-ups, lexical scoping of
loop variables) is done here, once, not per render or per user.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from types import CodeType, FunctionType
from typing import Any

from . import arith
from . import nodes as n
from .builtins import BuiltIn, lookup
from .builtins._common import NOTHING, Nothing, builtin_role
from .builtins.sequences import (
    LAZY_CONSUMERS,
    LAZY_CONSUMERS_WHEN_CALLED,
    STREAM_OPS,
    CountingIterator,
    JavaIterator,
    LazySeq,
    blames_lambda,
    check_element_transformer,
    eager_stream,
    lazy_count,
    lazy_index,
    lazy_slice,
    lazy_stream,
    sequence_lazily,
)
from .errors import (
    BuiltInArgumentError,
    InvalidReferenceError,
    MiscTemplateError,
    NonBooleanError,
    NonExtendedHashError,
    NonHashError,
    NonMethodError,
    NonNumericalError,
    NonSequenceOrCollectionError,
    NonStringError,
    NonStringOrTemplateOutputError,
    NonUserDefinedDirectiveLikeError,
    ResourceLimitError,
    ReturnOutsideFunctionError,
    SandboxError,
    SettingValueAssignmentError,
    StopError,
    TemplateError,
    TemplateModelError,
    TemplateRuntimeError,
    TemplateSyntaxError,
    UnexpectedTypeError,
)
from .runtime import Environment, Limits, LoopState
from .values import Lambda, Macro, Method, PlainHash, TemplateDate, type_description
from .whitespace import java_isspace

__all__ = ["Compiled", "Ctx", "compile_template"]

Exec = Callable[["Ctx"], None]
Eval = Callable[["Ctx"], Any]


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


class _Return(Exception):
    def __init__(self, value: Any = None) -> None:
        self.value = value


class EscapingReturn(Exception):
    """A top-level ``<#return value>``: not a TemplateError, so #attempt lets it pass, as
    FreeMarker's Return does; the render turns it into ``error``."""

    def __init__(self, error: TemplateError) -> None:
        super().__init__(error.message)
        self.error = error


@dataclass(eq=False, slots=True)
class _MacroFrame:
    macro: Macro
    caller_body: Exec | None
    caller_lv: dict[str, Any]
    caller_loops: dict[str, LoopState]
    caller_locals: dict[str, Any] | None
    caller_frame: _MacroFrame | None
    loop_params: tuple[str, ...]


@dataclass(eq=False, slots=True)
class Ctx:
    """The state of one render."""

    env: Environment
    out: list[str]
    data: Mapping[str, Any]
    ns: dict[str, Any] = field(default_factory=dict)
    globals: dict[str, Any] = field(default_factory=dict)
    lv: dict[str, Any] = field(default_factory=dict)
    loops: dict[str, LoopState] = field(default_factory=dict)
    locals: dict[str, Any] | None = None
    frame: _MacroFrame | None = None
    error: TemplateError | None = None
    depth: int = 0
    limits: Limits = field(default_factory=Limits)
    steps: int = 0
    deadline: float = 0.0
    out_checked: int = 0  # how much of ``out`` has been counted
    out_size: int = 0
    loader: Any = None  # ftl.loader.FileLoader, when #include/#import may read templates
    included: dict[str, Compiled] = field(default_factory=dict)

    def tick(self, n: int = 1) -> None:
        """Count loop iterations; every 256 check time and output size (cooperative)."""
        before = self.steps
        self.steps = before + n
        if (before >> 8) != (self.steps >> 8):
            self.check()

    def check(self) -> None:
        limits = self.limits
        if self.steps > limits.max_iterations:
            raise ResourceLimitError(
                f"The render went over the limit of {limits.max_iterations:,} loop iterations "
                "(an unbounded range like 1.. without #break?)."
            )
        if self.deadline and time.monotonic() > self.deadline:
            raise ResourceLimitError(f"The render took longer than {limits.timeout} seconds.")
        out = self.out
        if isinstance(out, list):
            if len(out) < self.out_checked:  # a capture swapped the list
                self.out_checked = 0
            self.out_size += sum(map(len, out[self.out_checked :]))
            self.out_checked = len(out)
            if self.out_size > limits.max_output_chars:
                raise ResourceLimitError(
                    f"The output went over the limit of {limits.max_output_chars:,} characters."
                )

    def lookup(self, name: str) -> Any:
        if name in self.lv:
            return self.lv[name]
        loc = self.locals
        if loc is not None and name in loc:
            return loc[name]
        if name in self.ns:
            return self.ns[name]
        if name in self.globals:
            return self.globals[name]
        return self.data.get(name)


# ----------------------------------------------------------------------------- helpers


def java_string_hash(s: str) -> int:
    """Java's String.hashCode (over UTF-16 code units, 32-bit overflow)."""
    h = 0
    data = s.encode("utf-16-be", "surrogatepass")
    for i in range(0, len(data), 2):
        h = (31 * h + ((data[i] << 8) | data[i + 1])) & 0xFFFFFFFF
    return h


def java_hash_map_order(pairs: Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """``pairs`` in the order a java.util.HashMap that received them in turn iterates:
    by bucket (the spread hash masked by the final capacity), then by insertion.  A name
    given twice keeps its first place and its last value, as Map.put does."""
    first: dict[str, int] = {}
    values: dict[str, Any] = {}
    for i, (k, v) in enumerate(pairs):
        first.setdefault(k, i)
        values[k] = v
    capacity = 16
    while len(first) > capacity * 3 // 4:
        capacity *= 2

    def bucket(k: str) -> int:
        h = java_string_hash(k)
        return (h ^ (h >> 16)) & (capacity - 1)

    return [(k, values[k]) for k in sorted(first, key=lambda k: (bucket(k), first[k]))]


def _enter_loop_vars(
    lv: dict[str, Any], loops: dict[str, Any], loop_vars: Sequence[str], var: str
) -> tuple[list[tuple[str, Any, Any]], LoopState]:
    """Make room for a #list's loop variables: what they shadow (for _restore_loop_vars)
    and the loop state, re-inserted so that the innermost loop is the last entry."""
    saved = [(k, lv.get(k, _UNSET), loops.get(k)) for k in loop_vars]
    state = LoopState(var)
    for k in loop_vars:
        loops.pop(k, None)
        loops[k] = state
    return saved, state


def _restore_loop_vars(
    lv: dict[str, Any], loops: dict[str, Any], saved: list[tuple[str, Any, Any]]
) -> None:
    """Put back the loop variables (and their loop states) a #list shadowed."""
    for k, old_v, old_state in saved:
        if old_v is _UNSET:
            lv.pop(k, None)
        else:
            lv[k] = old_v
        if old_state is None:
            loops.pop(k, None)
        else:
            loops[k] = old_state


def _located(err: TemplateError, name: str, span: n.Span, expr: str | None = None) -> TemplateError:
    return err.locate(name, span.line, span.column, span.end_line, span.end_column, expr)


def _target_role(err: TemplateError, e: n.Node) -> TemplateError:
    """A built-in's "Expected a ..., but this has evaluated to ..." is about its target:
    say so as FreeMarker does (``For "?upper_case" left-hand operand: Expected ...``)."""
    if isinstance(err, UnexpectedTypeError) and err.message.startswith("Expected "):
        assert isinstance(e, n.BuiltInCall)
        err.message = f"For {builtin_role(e.name)}: {err.message}"
        err.args = (err.message,)
    return err


class _Scope:
    """Lexical information while compiling: visible loop variables, macro nesting."""

    __slots__ = ("in_function", "in_macro", "innermost", "loop_vars")

    def __init__(
        self,
        loop_vars: frozenset[str] = frozenset(),
        in_macro: bool = False,
        in_function: bool = False,
        innermost: str | None = None,
    ) -> None:
        self.loop_vars = loop_vars
        self.in_macro = in_macro
        self.in_function = in_function
        self.innermost = innermost  # the loop variable of the innermost enclosing list

    def with_loop(self, names: Sequence[str]) -> _Scope:
        return _Scope(self.loop_vars | frozenset(names), self.in_macro, self.in_function, names[0])


SPECIAL_VARIABLES = _SPECIAL_VARIABLES = frozenset(
    {
        "now",
        "vars",
        "lang",
        "locale",
        "locale_object",
        "template_name",
        "current_template_name",
        "main_template_name",
        "caller_template_name",
        "data_model",
        "globals",
        "main",
        "namespace",
        "locals",
        "version",
        "error",
        "output_encoding",
        "url_escaping_charset",
        "output_format",
        "auto_esc",
        "incompatible_improvements",
        "time_zone",
        "pass",
        "node",
        "get_optional_template",
        "args",
    }
)

SETTING_NAMES: dict[str, str]
_SETTINGS = SETTING_NAMES = {
    "number_format": "number_format",
    "numberFormat": "number_format",
    "boolean_format": "boolean_format",
    "booleanFormat": "boolean_format",
    "locale": "locale",
    "time_zone": "time_zone",
    "timeZone": "time_zone",
    "date_format": "date_format",
    "dateFormat": "date_format",
    "time_format": "time_format",
    "timeFormat": "time_format",
    "datetime_format": "datetime_format",
    "datetimeFormat": "datetime_format",
    "url_escaping_charset": "url_escaping_charset",
    "urlEscapingCharset": "url_escaping_charset",
    "output_encoding": "output_encoding",
    "outputEncoding": "output_encoding",
}


def _compress(text: str) -> str:
    """FreeMarker's ``<#compress>`` (StandardCompress, multi-line mode)."""
    out: list[str] = []
    in_ws = True
    state = "begin"  # begin, init, saw_cr, cr, crlf, lf
    for c in text:
        if java_isspace(c):
            in_ws = True
            if state == "init":
                if c == "\r":
                    state = "saw_cr"
                elif c == "\n":
                    state = "lf"
            elif state == "saw_cr":
                state = "crlf" if c == "\n" else "cr"
        elif in_ws:
            in_ws = False
            if state in ("saw_cr", "cr"):
                out.append("\r")
            elif state == "crlf":
                out.append("\r\n")
            elif state == "lf":
                out.append("\n")
            elif state == "init":
                out.append(" ")
            state = "init"
            out.append(c)
        else:
            out.append(c)
    return "".join(out)


_KEY_ROLE = '"...[...]" left-hand operand'
_RANGE_SYMBOL = {"inclusive": "..", "exclusive": "..<", "limited": "..*", "unbounded": ".."}


def _as_int_index(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int | float | Decimal):
        raise NonNumericalError(
            f"Expected a number, but this has evaluated to {type_description(v)}."
        )
    if isinstance(v, int):
        return v
    try:
        i = int(v)
    except (ValueError, OverflowError, InvalidOperation):
        raise TemplateModelError(f"Not an integer: {v}") from None
    return i


class _Utf16:
    """A string seen as Java sees it, in UTF-16 code units (indexing and slicing).

    A surrogate split from its pair is written as "?", as Java's UTF-8 encoder does."""

    __slots__ = ("text", "units")

    def __init__(self, text: str) -> None:
        self.text = text
        self.units: bytes | None = (
            None
            if text.isascii() or max(text) <= "\uffff"
            else (text.encode("utf-16-le", "surrogatepass"))
        )

    def __len__(self) -> int:
        return len(self.text) if self.units is None else len(self.units) // 2

    def __getitem__(self, i: int) -> str:
        return self.pick(range(i, i + 1))

    def pick(self, idx: range) -> str:
        if self.units is None:
            if idx.step == 1:
                return self.text[idx.start : idx.stop] if len(idx) else ""
            return "".join(self.text[i] for i in idx)
        u = self.units
        raw = b"".join(u[2 * i : 2 * i + 2] for i in idx)
        out = raw.decode("utf-16-le", "surrogatepass")
        return "".join("?" if "\ud800" <= ch <= "\udfff" else ch for ch in out)


class UnboundedRange:
    """``start..``: a right-unbounded range (only listable with a #break, or sliceable)."""

    __slots__ = ("start",)

    def __init__(self, start: int) -> None:
        self.start = start

    def __iter__(self) -> Any:
        i = self.start
        while True:
            yield i
            i += 1


# ----------------------------------------------------------------------------- compiler


class Compiled:
    """The result of compiling a template: a body closure and its hoisted macros."""

    __slots__ = ("body", "compiler", "macros", "name", "root")

    def __init__(
        self, name: str, body: Exec, macros: dict[str, Macro], compiler: _Compiler, root: n.Node
    ) -> None:
        self.name = name
        self.body = body
        self.macros = macros
        self.compiler = compiler
        self.root = root

    def call_function(self, ctx: Ctx, f: Macro, args: list[Any]) -> Any:
        """Call a ``<#function>`` value from a built-in (``?filter(myFunction)``...)."""
        return self.compiler.invoke(ctx, f, None, args, None, (), self.root)

    def interpret(self, ctx: Ctx, source: str) -> Macro:
        """``?interpret``: the string parsed as a template, as a directive for ``<@x/>``."""
        from .parser import parse

        name = f"{self.name}->anonymous_interpreted"
        tree = parse(source, name)
        compiler = _Compiler(name, source, self.compiler.amplitude)
        body = compiler.body(tree.body, _Scope())
        return Macro("anonymous_interpreted", (), None, body, False)

    def eval_expression(self, ctx: Ctx, source: str) -> Any:
        """``?eval``: parse ``source`` as an expression and evaluate it in ``ctx``."""
        from .parser import parse

        tree = parse("${" + source + "}", self.name, _fragment=True)
        stmt = tree.body[0] if len(tree.body) == 1 else None
        if not isinstance(stmt, n.Interpolation):
            raise MiscTemplateError(f"?eval: not a single expression: {source!r}")
        evaluator = _Compiler(self.name, "${" + source + "}", self.compiler.amplitude)
        return evaluator.expr(stmt.expr, _Scope())(ctx)


def compile_template(template: n.Template, source: str, *, amplitude: bool = True) -> Compiled:
    c = _Compiler(template.name, source, amplitude)
    c.output_format = template.output_format
    macros: dict[str, Macro] = {}
    for stmt in _macro_definitions(template.body):
        # FreeMarker defines every macro when it parses the template, wherever it stands
        # (the last definition of a name wins); running a #macro defines it again
        macros[stmt.name] = c.macro_value(stmt, _Scope())
    body = c.body(template.body, _Scope())
    return Compiled(template.name, body, macros, c, template)


class _Compiler:
    def __init__(self, name: str, source: str, amplitude: bool) -> None:
        self.name = name
        self.source = source
        self.lines = source.splitlines(keepends=True) or [""]
        self.amplitude = amplitude
        self._macro_values: dict[int, Macro] = {}
        self.output_format = "undefined"  # the #ftl header's (.output_format)
        # Expressions whose consumer accepts a lazily generated result (FreeMarker's
        # enableLazilyGeneratedResult, decided at parse time), and ``?size`` calls compared
        # with a number literal (its countingLimit); keyed by id, holding the node so that
        # the id stays unique while the compiler lives.
        self._lazy: dict[int, n.Expr] = {}
        self._size_limits: dict[int, tuple[n.Expr, int]] = {}

    # -- source text of a node, for error messages ------------------------------------

    def text_of(self, span: n.Span) -> str:
        if span.line <= 0:
            return ""
        if span.line == span.end_line:
            line = self.lines[span.line - 1] if span.line - 1 < len(self.lines) else ""
            return line[span.column - 1 : span.end_column - 1]
        parts = [self.lines[span.line - 1][span.column - 1 :]]
        parts.extend(self.lines[span.line : span.end_line - 1])
        if span.end_line - 1 < len(self.lines):
            parts.append(self.lines[span.end_line - 1][: span.end_column - 1])
        return "".join(parts).rstrip("\r\n")

    def missing(self, node: n.Node, ctx: Ctx | None = None) -> InvalidReferenceError:
        """The error for a required value that is null or missing, with a did-you-mean
        when a similar name exists where the template looked."""
        tip = (
            "If the failing expression is known to legally refer to something that's "
            "sometimes null or missing, either specify a default value like myOptionalVar!"
            "myDefault, or use <#if myOptionalVar??>when-present<#else>when-missing</#if>."
        )
        guess = self._did_you_mean(node, ctx) if ctx is not None else None
        if guess is not None:
            tip = f"Did you mean {guess}? " + tip
        err = InvalidReferenceError("The following has evaluated to null or missing:", tip=tip)
        _located(err, self.name, node.span, self.text_of(node.span))
        return err

    def _did_you_mean(self, node: n.Node, ctx: Ctx) -> str | None:
        from difflib import get_close_matches

        if isinstance(node, n.Dot):
            try:
                parent = self.expr(node.target, _Scope())(ctx)
            except TemplateError:
                return None
            if not isinstance(parent, Mapping):
                return None
            keys = [k for k in parent if isinstance(k, str)]
            close = get_close_matches(node.name, keys, n=1, cutoff=0.6)
            if close:
                return f'"{self.text_of(node.target.span)}.{close[0]}"'
            return None
        if isinstance(node, n.Variable):
            names = {*ctx.data, *ctx.ns, *ctx.globals, *ctx.lv, *(ctx.locals or {})}
            close = get_close_matches(node.name, [k for k in names if isinstance(k, str)], n=1)
            if close and close[0] != node.name:
                return f'"{close[0]}"'
        return None

    def fail(self, err: TemplateError, node: n.Node) -> TemplateError:
        return _located(err, self.name, node.span, self.text_of(node.span))

    # -- lazily generated sequences ----------------------------------------------------------

    def _enable_lazy(self, e: n.Expr) -> None:
        """``e``'s consumer accepts a lazily generated sequence (FreeMarker's
        enableLazilyGeneratedResult): a stream built-in, a slice or ``?sequence`` compiled
        later then returns a LazySeq, and its lambda runs only for the elements the
        consumer reaches.  Parentheses pass it on."""
        self._lazy[id(e)] = e
        if isinstance(e, n.Paren):
            self._enable_lazy(e.inner)

    def _is_lazy(self, e: n.Expr) -> bool:
        return id(e) in self._lazy

    def _mark_builtin_target(self, e: n.BuiltInCall) -> None:
        """The built-ins that call enableLazilyGeneratedResult on their target: the stream
        built-ins, ``?size``, ``?first``, ``?min``, ``?max``, ``?sequence``, and ``?join``,
        ``?seq_contains``, ``?seq_index_of``, ``?seq_last_index_of`` when called at once."""
        if e.name in LAZY_CONSUMERS or (
            e.args is not None and e.name in LAZY_CONSUMERS_WHEN_CALLED
        ):
            self._enable_lazy(e.target)

    @staticmethod
    def _may_be_lazy(e: n.Expr) -> bool:
        """Whether ``e`` can evaluate to a LazySeq when its consumer allows one."""
        e = _peel(e)
        if isinstance(e, n.BuiltInCall):
            if e.name in STREAM_OPS:
                return True
            return e.name == "sequence" and _Compiler._may_be_lazy(e.target)
        if isinstance(e, n.DynamicKey) and isinstance(e.key, n.Range):
            return _Compiler._may_be_lazy(e.target)
        return False

    def _note_size_limit(self, e: n.Compare) -> None:
        """``xs?size > 0`` and the like: FreeMarker's ComparisonExpression gives the ``?size``
        a counting limit, so that on a lazily generated sequence it stops counting (and
        computing elements) once the comparison's outcome is decided."""
        left, right = _peel(e.left), _peel(e.right)
        op: str = e.op
        if _is_bare_size(left) and _is_number_literal(right):
            size_node, literal = left, right
        elif _is_bare_size(right) and _is_number_literal(left):
            size_node, literal = right, left
            op = _MIRRORED.get(op, op)
        else:
            return
        assert isinstance(literal, n.Literal) and isinstance(literal.value, Decimal)
        value = literal.value
        if value != value.to_integral_value() or not -(2**31) <= value < 2**31:
            return  # FreeMarker's NumberUtil.toIntExact refuses it: no limit
        cmp_int = int(value)
        limit = cmp_int if op in ("<", ">=") else cmp_int + 1
        self._size_limits[id(size_node)] = (size_node, limit)

    def _syntax_error_after(self, message: str, line: int, column: int) -> TemplateSyntaxError:
        """A syntax error at the first non-blank character from (line, column) on, where
        FreeMarker's parser reports a missing or malformed parameter list."""
        while line <= len(self.lines):
            text = self.lines[line - 1]
            while column - 1 < len(text) and text[column - 1] in " \t\r\n":
                column += 1
            if column - 1 < len(text):
                break
            line, column = line + 1, 1
        return TemplateSyntaxError(message, name=self.name, lineno=line, column=column)

    def _stream_op(self, e: n.BuiltInCall, op: str, scope: _Scope) -> Eval:
        """``?filter``, ``?map``, ``?take_while``, ``?drop_while``.

        Eager unless the consumer enabled a lazy result: the eager result is a list, and an
        error of the lambda propagates as it is; a lazy result computes each element when
        the consumer reaches it, and wraps its errors as "Failed to transform element".
        As in FreeMarker, the target is checked before the argument is evaluated, and a
        local lambda is not evaluated at all (it is bound at parse time)."""
        end_line, end_column = e.name_span.end_line, e.name_span.end_column
        if e.args is None:
            raise self._syntax_error_after(
                f"?{e.name} must be followed by its parameter in parentheses, like "
                f"?{e.name}(x -> ...).",
                end_line,
                end_column,
            )
        if len(e.args) != 1:
            raise self._syntax_error_after(
                f"?{e.name}(...) requires exactly 1 parameters", end_line, end_column
            )
        lazy = self._is_lazy(e)
        self._enable_lazy(e.target)
        target = self.expr(e.target, scope)
        tnode = e.target
        arg = e.args[0]
        is_lambda = isinstance(arg, n.LambdaExpr)
        f_ev = self._lambda(arg, scope) if isinstance(arg, n.LambdaExpr) else self.expr(arg, scope)
        bi = e.name
        role = builtin_role(bi)

        def run(ctx: Ctx) -> Any:
            t = target(ctx)
            if isinstance(t, list | tuple | range | LazySeq):
                source: Any = t
            elif isinstance(t, UnboundedRange):
                source = LazySeq(CountingIterator(t.start, ctx.tick), _INT_MAX)
            elif isinstance(t, Nothing):
                source = ()
            elif t is None:
                raise self.missing(tnode, ctx)
            else:
                raise self.fail(
                    NonSequenceOrCollectionError(
                        f"For {role}: Expected a sequence or collection, but this has evaluated "
                        f"to {type_description(t)}."
                    ),
                    tnode,
                )
            f = f_ev(ctx)
            if not is_lambda:
                if f is None:
                    raise self.missing(arg, ctx)
                problem = check_element_transformer(bi, f)
                if problem is not None:
                    raise self.fail(NonMethodError(problem), arg)
            if lazy:
                return lazy_stream(op, ctx.env, source, f)
            try:
                return eager_stream(op, ctx.env, source, f)
            except BuiltInArgumentError as err:
                if blames_lambda(err):
                    raise self.fail(err, arg) from None
                raise

        return run

    def _loop_lazily(
        self,
        ctx: Ctx,
        it: JavaIterator,
        loop_vars: tuple[str, ...],
        body: Exec,
        else_body: Exec | None,
    ) -> None:
        """``#list`` over a lazily generated sequence, in FreeMarker's order: ``hasNext()``
        is asked before the body runs for the current item (so ``?has_next`` is known), and
        nothing past the item after a ``#break`` is computed."""
        if not it.has_next():
            if else_body is not None:
                else_body(ctx)
            return
        var = loop_vars[0]
        lv = ctx.lv
        loops = ctx.loops
        saved, state = _enter_loop_vars(lv, loops, loop_vars, var)
        try:
            i = 0
            more = True
            while more:
                ctx.tick()
                item = it.next()
                more = it.has_next()
                state.index = i
                state.has_next = more
                lv[var] = item
                state.item = item
                try:  # noqa: SIM105 (as in _loop)
                    body(ctx)
                except _Continue:
                    pass
                i += 1
        except _Break:
            pass
        finally:
            _restore_loop_vars(lv, loops, saved)

    # -- statements ------------------------------------------------------------------------

    def body(self, stmts: n.Body, scope: _Scope) -> Exec:
        """A body's statements as one closure.

        The runner is generated Python (as Jinja's compiler does): adjacent text is merged,
        ``${...}`` becomes ``out.append(value(ctx))``, other statements are calls, all
        unrolled with their closures bound as default arguments, so a list body costs one
        call per user instead of one per statement.  Errors a statement did not locate
        itself point at the statement, as FreeMarker's "Failed at" does."""
        items: list[tuple[str, Any, n.Span | None]] = []
        for s in stmts:
            if not self._compiles(s):
                self.stmt(s, scope)
                continue
            if isinstance(s, n.Text):
                if items and items[-1][0] == "text":
                    items[-1] = ("text", items[-1][1] + s.text, None)
                else:
                    items.append(("text", s.text, None))
            elif isinstance(s, n.Interpolation):
                items.append(("value", self.interpolation_value(s, scope), s.span))
            else:
                f = self.stmt(s, scope)
                if f is not None:
                    items.append(("stmt", f, s.span))
        if not items:
            return _noop
        if len(items) == 1 and items[0][0] == "text":
            return _text_exec(items[0][1])
        return _generate_runner(items, self.name)

    @staticmethod
    def _compiles(s: n.Stmt) -> bool:
        return not isinstance(s, n.Comment | n.Trim | n.FtlHeader)

    def stmt(self, s: n.Stmt, scope: _Scope) -> Exec | None:
        if isinstance(s, n.MacroDef):
            value = self.macro_value(s, scope)
            name = s.name

            def define(ctx: Ctx) -> None:
                ctx.ns[name] = value

            return define
        if not self._compiles(s):
            return None
        method = getattr(self, "visit_" + type(s).__name__)
        result: Exec = method(s, scope)
        return result

    def visit_Text(self, s: n.Text, scope: _Scope) -> Exec:
        return _text_exec(s.text)

    def visit_Interpolation(self, s: n.Interpolation, scope: _Scope) -> Exec:
        value = self.interpolation_value(s, scope)

        def run(ctx: Ctx) -> None:
            ctx.out.append(value(ctx))

        return run

    def interpolation_value(self, s: n.Interpolation, scope: _Scope) -> Callable[[Ctx], str]:
        """What ``${...}`` (or ``#{...}``) prints, as a closure returning the text."""
        expr = s.expr
        name = self.name
        direct = self._direct_builtin_value(s, scope)
        if direct is not None:
            return direct
        ev = self.expr(s.expr, scope)

        if s.numerical:
            lo, hi = s.min_fraction, s.max_fraction
            if lo is None:
                fmt = "0.######"
            else:
                fmt = "0" + ("." + "0" * lo + "#" * ((hi or lo) - lo) if (hi or lo) else "")

            def numerical(ctx: Ctx) -> str:
                v = ev(ctx)
                if v is None:
                    raise self.missing(expr, ctx)
                if isinstance(v, bool) or not isinstance(v, int | float | Decimal):
                    raise self.fail(
                        NonNumericalError(
                            'For "#{...}" content: Expected a number, but this has evaluated '
                            f"to {type_description(v)}."
                        ),
                        expr,
                    )
                from .formatting import format_number

                return format_number(v, fmt, ctx.env.settings.locale)

            return numerical

        def value(ctx: Ctx) -> str:
            v = ev(ctx)
            if type(v) is str:
                return v
            if v is None:
                raise self.missing(expr, ctx)
            try:
                return ctx.env.to_string(v, output=True)
            except MiscTemplateError as e:  # a boolean: FreeMarker blames the ${...}
                raise _located(e, name, s.span) from None
            except TemplateError as e:
                raise _located(e, name, expr.span, self.text_of(expr.span)) from None

        return value

    def _direct_builtin_value(
        self, s: n.Interpolation, scope: _Scope
    ) -> Callable[[Ctx], str] | None:
        """``${x?json_string}`` and the like in one closure (the commonest interpolation in
        payloads after plain fields): saves a call and a frame per user on the general path."""
        e = s.expr
        if s.numerical or not isinstance(e, n.BuiltInCall) or e.args is not None:
            return None
        entry = lookup(e.name)
        if (
            entry is None
            or entry.kind != "plain"
            or (entry.arity is not None and not entry.bare_ok)
        ):
            return None
        self._mark_builtin_target(e)
        target = self.expr(e.target, scope)
        tnode = e.target
        fn = entry.fn
        name = self.name

        def value(ctx: Ctx) -> str:
            t = target(ctx)
            if t is None:
                raise self.missing(tnode, ctx)
            try:
                v = fn(ctx.env, t)
            except InvalidReferenceError:
                raise
            except MiscTemplateError as err:
                raise _located(err, name, s.span) from None
            except TemplateError as err:
                raise _located(_target_role(err, e), name, e.span, self.text_of(e.span)) from None
            if type(v) is str:
                return v
            if v is None:
                raise self.missing(e, ctx)
            try:
                return ctx.env.to_string(v, output=True)
            except MiscTemplateError as err:
                raise _located(err, name, s.span) from None
            except TemplateError as err:
                raise _located(err, name, e.span, self.text_of(e.span)) from None

        return value

    def visit_If(self, s: n.If, scope: _Scope) -> Exec:
        if len(s.branches) == 1 and not isinstance(_unparen(s.branches[0][0]), n.Range):
            return self._if_one_branch(s, scope)
        branches = tuple(
            (
                self.condition(cond, scope, '"#if" condition' if i == 0 else '"#elseif" condition'),
                self.body(body, scope),
            )
            for i, (cond, body, _) in enumerate(s.branches)
        )
        else_body = self.body(s.else_body, scope) if s.else_body is not None else None

        def run(ctx: Ctx) -> None:
            for cond, body in branches:
                if cond(ctx):
                    body(ctx)
                    return
            if else_body is not None:
                else_body(ctx)

        return run

    def _if_one_branch(self, s: n.If, scope: _Scope) -> Exec:
        """``<#if c>...<#else>...</#if>``, the common case, with the test inlined."""
        cond_node, then_stmts, _ = s.branches[0]
        ev = self.expr(cond_node, scope)
        then_body = self.body(then_stmts, scope)
        else_body = self.body(s.else_body, scope) if s.else_body is not None else _noop
        coerce = self._condition_value

        def run(ctx: Ctx) -> None:
            v = ev(ctx)
            if v is True or (v is not False and coerce(v, cond_node, '"#if" condition', ctx)):
                then_body(ctx)
            else:
                else_body(ctx)

        return run

    def _condition_value(self, v: Any, e: n.Expr, what: str, ctx: Ctx) -> bool:
        """A condition's value that is not a plain bool: boolean-like, or an error.  ``what``
        names the operand as FreeMarker's message does (``"&&" left-hand operand``)."""
        if v is True or v is False:
            return v
        as_boolean = getattr(type(v), "__ftl_boolean__", None)  # e.g. ?matches results
        if as_boolean is not None:
            return bool(as_boolean(v))
        if v is None:
            raise self.missing(e, ctx)
        raise self.fail(
            NonBooleanError(
                f"For {what}: Expected a boolean, but this has evaluated to {type_description(v)}."
            ),
            e,
        )

    def condition(self, e: n.Expr, scope: _Scope, what: str) -> Callable[[Ctx], bool]:
        inner = e.inner if isinstance(e, n.Paren) else e
        if isinstance(inner, n.Range):
            # FreeMarker refuses a range as a condition before evaluating its bounds
            def range_is_not_boolean(ctx: Ctx) -> bool:
                raise self.fail(
                    NonBooleanError(
                        f"For {what}: Expected a boolean, but this has evaluated "
                        "to a sequence (a range)."
                    ),
                    e,
                )

            return range_is_not_boolean
        ev = self.expr(e, scope)
        coerce = self._condition_value

        def cond(ctx: Ctx) -> bool:
            v = ev(ctx)
            if v is True or v is False:
                return v
            return coerce(v, e, what, ctx)

        return cond

    def visit_List(self, s: n.List, scope: _Scope) -> Exec:
        self._enable_lazy(s.seq)
        seq_ev = self.expr(s.seq, scope)
        else_body = self.body(s.else_body, scope) if s.else_body is not None else None
        seq_node = s.seq
        if not s.loop_vars:
            # <#list seq> ... <#items as x> ... </#items> ... </#list>
            body = self.body(s.body, scope)

            def run_items(ctx: Ctx) -> None:
                seq = self.listable(seq_ev(ctx), seq_node, ctx, two_vars=None)
                if isinstance(seq, LazySeq):
                    # #items goes on with this iterator, whose first hasNext() is asked here
                    seq = seq.iterator()
                    if not seq.has_next():
                        if else_body is not None:
                            else_body(ctx)
                        return
                elif not _has_items(seq):
                    if else_body is not None:
                        else_body(ctx)
                    return
                saved = ctx.lv.get("\x00items")
                ctx.lv["\x00items"] = seq
                try:
                    body(ctx)
                finally:
                    if saved is None:
                        ctx.lv.pop("\x00items", None)
                    else:
                        ctx.lv["\x00items"] = saved

            return run_items
        inner = scope.with_loop(s.loop_vars)
        body = self.body(s.body, inner)
        general = self._loop(s.loop_vars, seq_ev, seq_node, body, else_body)
        if self._may_be_lazy(s.seq):
            return general  # the fused path would fall back to it, evaluating the source twice
        from .fused import try_fuse

        fused = try_fuse(self, s, scope, seq_ev, body, general)
        return fused if fused is not None else general

    def visit_Items(self, s: n.Items, scope: _Scope) -> Exec:
        inner = scope.with_loop(s.loop_vars)
        body = self.body(s.body, inner)
        loop = self._loop(
            s.loop_vars, lambda ctx: ctx.lv["\x00items"], s, body, None, from_items=True
        )
        return loop

    def listable(self, seq: Any, node: n.Node, ctx: Ctx, two_vars: bool | None) -> Any:
        if isinstance(seq, Nothing):  # <#list xs! as x>: an empty sequence, or hash
            return {} if two_vars else ()
        if isinstance(seq, PlainHash):
            if two_vars:
                raise self.fail(
                    NonExtendedHashError(
                        'For "#list" list source: Expected an extended hash, but this has '
                        "evaluated to a hash."
                    ),
                    node,
                )
            raise self.fail(
                NonSequenceOrCollectionError(
                    'For "#list" list source: Expected a sequence or collection, but this has '
                    "evaluated to a hash."
                ),
                node,
            )
        if isinstance(seq, list | tuple | range | LazySeq | JavaIterator):
            if two_vars:
                raise self.fail(
                    NonSequenceOrCollectionError(
                        f"The value you try to list is {_describe(seq)}, thus you must specify "
                        'only one loop variable after the "as" (there\'s no separate key and '
                        "value)."
                    ),
                    node,
                )
            return seq
        if isinstance(seq, Mapping):
            if two_vars is False:
                raise self.fail(
                    NonSequenceOrCollectionError(
                        "The value you try to list is an extended_hash, thus you must specify two "
                        'loop variables after the "as"; one for the key, and another for the '
                        "value, like <#... as k, v>)."
                    ),
                    node,
                )
            return seq
        if isinstance(seq, UnboundedRange):
            return seq
        if seq is None:
            raise self.missing(node, ctx)
        if two_vars:
            raise self.fail(
                NonExtendedHashError(
                    'For "#list" list source: Expected an extended hash, but this has evaluated '
                    f"to {type_description(seq)}."
                ),
                node,
            )
        raise self.fail(
            NonSequenceOrCollectionError(
                'For "#list" list source: Expected a sequence or collection, but this has '
                f"evaluated to {type_description(seq)}."
            ),
            node,
        )

    def _loop(
        self,
        loop_vars: tuple[str, ...],
        seq_ev: Eval,
        seq_node: n.Node,
        body: Exec,
        else_body: Exec | None,
        *,
        from_items: bool = False,
    ) -> Exec:
        two = len(loop_vars) == 2
        var = loop_vars[0]
        val_var = loop_vars[1] if two else None

        def run(ctx: Ctx) -> None:
            seq = self.listable(seq_ev(ctx), seq_node, ctx, two)
            if isinstance(seq, LazySeq | JavaIterator):
                lazy_it = seq.iterator() if isinstance(seq, LazySeq) else seq
                self._loop_lazily(ctx, lazy_it, loop_vars, body, else_body)
                return
            items: Any = list(seq.items()) if two else seq
            if isinstance(items, UnboundedRange):
                it = iter(items)
                total = -1
            else:
                total = len(items)
                it = iter(items)
            if total == 0:
                # the #else runs outside the loop: its loop variables are not in scope
                if else_body is not None:
                    else_body(ctx)
                return
            lv = ctx.lv
            loops = ctx.loops
            saved, state = _enter_loop_vars(lv, loops, loop_vars, var)
            try:
                i = 0
                tick = ctx.tick
                for item in it:
                    tick()
                    state.index = i
                    state.has_next = total < 0 or i + 1 < total
                    if two:
                        key, value = item
                        lv[var] = key
                        lv[val_var] = value  # type: ignore[index]
                        state.item = value
                        state.key = key
                    else:
                        lv[var] = item
                        state.item = item
                    try:  # noqa: SIM105 (contextlib.suppress costs a call per user)
                        body(ctx)
                    except _Continue:
                        pass
                    i += 1  # noqa: SIM113 (the index is also read by ?index through state)
            except _Break:
                pass
            finally:
                _restore_loop_vars(lv, loops, saved)

        return run

    def visit_Sep(self, s: n.Sep, scope: _Scope) -> Exec:
        body = self.body(s.body, scope)
        var = scope.innermost
        if var is not None:  # the enclosing list is known lexically

            def run_known(ctx: Ctx) -> None:
                state = ctx.loops.get(var)
                if state is not None and state.has_next:
                    body(ctx)

            return run_known

        def run(ctx: Ctx) -> None:
            state = _innermost_loop(ctx)
            if state is not None and state.has_next:
                body(ctx)

        return run

    def visit_Switch(self, s: n.Switch, scope: _Scope) -> Exec:
        value_ev = self.expr(s.value, scope)
        cases = tuple(
            (
                self.expr(c.value, scope) if c.value is not None else None,
                self.body(c.body, scope),
                c,
            )
            for c in s.cases
        )
        value_node = s.value

        def run(ctx: Ctx) -> None:
            v = value_ev(ctx)
            if v is None:
                raise self.missing(value_node, ctx)
            matched = False
            try:
                for case_ev, body, node in cases:
                    if not matched and case_ev is not None:
                        cv = case_ev(ctx)
                        if cv is None:
                            raise self.missing(node.value)  # type: ignore[arg-type]
                        matched = self.compare_values(v, "==", cv, s, ctx)
                    if matched:
                        body(ctx)
                if not matched:  # only the default's own body; no fall-through from it
                    for case_ev, body, _ in cases:
                        if case_ev is None:
                            body(ctx)
                            break
            except (_Break, _Continue):  # FreeMarker 2.3.31: #continue also just leaves #switch
                pass

        return run

    def visit_Break(self, s: n.Break, scope: _Scope) -> Exec:
        def run(ctx: Ctx) -> None:
            raise _Break()

        return run

    def visit_Continue(self, s: n.Continue, scope: _Scope) -> Exec:
        def run(ctx: Ctx) -> None:
            raise _Continue()

        return run

    # -- assignments ---------------------------------------------------------------------

    def visit_Assign(self, s: n.Assign, scope: _Scope) -> Exec:
        steps = tuple(self.assignment(a, s.scope, scope) for a in s.assignments)

        def run(ctx: Ctx) -> None:
            for step in steps:
                step(ctx)

        return steps[0] if len(steps) == 1 else run

    def _target_dict(self, kind: str, ctx: Ctx) -> dict[str, Any]:
        if kind == "local":
            if ctx.locals is None:
                raise MiscTemplateError("#local can only be used inside a macro or function.")
            return ctx.locals
        if kind == "global":
            return ctx.globals
        return ctx.ns

    def assignment(self, a: n.Assignment, kind: str, scope: _Scope) -> Exec:
        name = a.name
        if a.op == "=":
            assert a.value is not None
            ev = self.expr(a.value, scope)
            value_node = a.value

            def run_set(ctx: Ctx) -> None:
                v = ev(ctx)
                if v is None:
                    raise self.missing(value_node, ctx)
                self._target_dict(kind, ctx)[name] = v

            return run_set
        op = a.op
        rhs = self.expr(a.value, scope) if a.value is not None else None

        def run_op(ctx: Ctx) -> None:
            target = self._target_dict(kind, ctx)
            cur = target.get(name)
            if cur is None:
                where = {"assign": "template namespace", "global": "global scope"}.get(
                    kind, "local scope"
                )
                raise self.fail(
                    InvalidReferenceError(
                        f'The target variable of the assignment, "{name}", was null or missing in '
                        f'the {where}, and the "{op}" operator must get its value before assigning '
                        "to it."
                    ),
                    a,
                )
            if op in ("++", "--"):
                if isinstance(cur, bool) or not isinstance(cur, int | float | Decimal):
                    raise self.fail(
                        NonNumericalError(
                            f"The value of {name} is {type_description(cur)}, but {op} needs a number."
                        ),
                        a,
                    )
                result = arith.add(cur, 1) if op == "++" else arith.sub(cur, 1)
            else:
                assert rhs is not None
                r = rhs(ctx)
                if r is None:
                    raise self.missing(a.value)  # type: ignore[arg-type]
                if op == "+=":
                    result = self.plus(cur, r, a, ctx)
                else:
                    result = self.arith_op(op[0], cur, r, a)
            target[name] = result

        return run_op

    def visit_AssignCapture(self, s: n.AssignCapture, scope: _Scope) -> Exec:
        body = self.body(s.body, scope)
        name = s.name
        kind = s.scope

        def run(ctx: Ctx) -> None:
            saved = ctx.out
            ctx.out = []
            try:
                body(ctx)
                text = "".join(ctx.out)
            finally:
                ctx.out = saved
            self._target_dict(kind, ctx)[name] = text

        return run

    def visit_Setting(self, s: n.Setting, scope: _Scope) -> Exec:
        key = _SETTINGS.get(s.name)
        if key is None:
            raise self.syntax_error(
                f'Unknown setting name: "{s.name}". The allowed setting names here are: '
                + ", ".join(sorted(k for k in _SETTINGS if "_" in k or k.islower())),
                s,
            )
        ev = self.expr(s.value, scope)
        value_node = s.value

        def run(ctx: Ctx) -> None:
            v = ev(ctx)
            if v is None:
                raise self.missing(value_node, ctx)
            if not isinstance(v, str) and (
                key in ("number_format", "boolean_format", "locale") or not isinstance(v, bool)
            ):
                raise self.fail(
                    NonStringError(
                        f"Expected a string, but this has evaluated to {type_description(v)}."
                    ),
                    value_node,
                )
            if key == "boolean_format" and isinstance(v, str) and v != "c" and "," not in v:
                raise self.fail(
                    SettingValueAssignmentError(
                        f'Failed to set FreeMarker configuration setting "boolean_format" to value '
                        f'"{v}"; it must be "true,false" style (two words separated by a comma), '
                        'or "c".'
                    ),
                    s,
                )
            if key == "locale" and isinstance(v, str):
                lang, _, rest = v.partition("_")
                country, sep2, variant = rest.partition("_")
                v = lang.lower() + ("_" + country.upper() if rest else "") + (sep2 + variant)
            setattr(ctx.env.settings, key, v)

        return run

    def syntax_error(self, message: str, node: n.Node) -> TemplateSyntaxError:
        return TemplateSyntaxError(
            message,
            name=self.name,
            lineno=node.span.line,
            column=node.span.column,
            end_lineno=node.span.end_line,
            end_column=node.span.end_column,
        )

    # -- macros and functions -----------------------------------------------------------

    def macro_value(self, s: n.MacroDef, scope: _Scope) -> Macro:
        cached = self._macro_values.get(id(s))
        if cached is not None:
            return cached
        inner = _Scope(frozenset(), in_macro=not s.is_function, in_function=s.is_function)
        body = self.body(s.body, inner)
        params = tuple(
            (p.name, self.expr(p.default, inner) if p.default is not None else None)
            for p in s.params
        )
        m = Macro(s.name, params, s.catch_all, body, s.is_function)
        self._macro_values[id(s)] = m
        return m

    def visit_MacroCall(self, s: n.MacroCall, scope: _Scope) -> Exec:
        callee_name = s.name
        callee = self.callee_expression(s, scope)
        # FreeMarker keeps a call's named arguments in a java.util.HashMap: they are checked,
        # evaluated and gathered into a catch-all parameter in that map's order
        named = tuple(
            (k, self.expr(v, scope), v) for k, v in java_hash_map_order(s.named_args or ())
        )
        positional = tuple((self.expr(v, scope), v) for v in (s.positional_args or ()))
        body = self.body(s.body, scope) if s.body is not None else None
        loop_params = s.loop_vars

        def run(ctx: Ctx) -> None:
            try:
                m = _resolve_callee(ctx, callee_name) if callee is None else callee(ctx)
            except NonHashError as err:
                raise self.fail(err, s) from None
            if m is None:
                raise self.fail(
                    InvalidReferenceError(
                        f'Macro "{callee_name}" is not defined (the name evaluated to null or missing).'
                    ),
                    s,
                )
            if isinstance(m, Macro) and m.is_function:
                raise self.fail(
                    MiscTemplateError(
                        f'Calling a function as a directive is not allowed: "{callee_name}" is a '
                        "#function; call it in an expression, like ${" + callee_name + "()}."
                    ),
                    s,
                )
            if not isinstance(m, Macro):
                raise self.fail(
                    NonUserDefinedDirectiveLikeError(
                        'For "@" callee: Expected a(n) user-defined directive, transform or '
                        f"macro, but this has evaluated to {type_description(m)}."
                    ),
                    s,
                )
            args_named: dict[str, Any] | None = None
            args_pos: list[Any] | None = None
            # a null argument is passed on: the macro's default applies, or it is an error
            # there (FreeMarker: "was specified, but had null/missing value")
            if named:
                # as FreeMarker: argument by argument (in its HashMap order), an unknown name
                # fails, a known one is evaluated (a null value is passed on)
                args_named = {}
                strict = m.catch_all is None and m.bound_named is None
                param_names = [p for p, _ in m.params]
                for k, ev, _ in named:
                    if strict and k not in param_names:
                        raise self.fail(
                            MiscTemplateError(
                                f'Macro "{m.name}" has no parameter with name "{k}". Valid '
                                f"parameter names are: {', '.join(param_names)}"
                            ),
                            s,
                        )
                    args_named[k] = ev(ctx)
            elif positional:
                if (
                    m.catch_all is None
                    and m.bound_positional is None
                    and len(positional) > len(m.params)
                ):
                    raise self.fail(
                        MiscTemplateError(
                            f'Macro "{m.name}" only accepts {len(m.params)} parameters, but got '
                            f"{len(positional)}."
                        ),
                        s,
                    )
                args_pos = [ev(ctx) for ev, _ in positional]
            self.invoke(ctx, m, args_named, args_pos, body, loop_params, s)

        return run

    def callee_expression(self, s: n.MacroCall, scope: _Scope) -> Eval | None:
        """The callee of ``<@.vars["m"]/>`` or ``<@h["k"]/>`` as an expression.

        FreeMarker parses what follows ``<@`` as an expression, so a dynamic call works and
        ``<@user=user/>`` is a comparison; a plain (dotted) name keeps the fast lookup.  The
        fragment is padded to the name's line and column, so errors inside it point into
        the template."""
        if s.callee_is_name:
            return None
        from .parser import parse

        pad = "\n" * (s.name_span.line - 1) + " " * max(s.name_span.column - 3, 0)
        tree = parse(pad + "${" + s.name + "}", self.name, _fragment=True)
        exprs = [x for x in tree.body if isinstance(x, n.Interpolation)]
        if len(exprs) != 1:
            return None
        if tree.body[-1] is not exprs[0]:
            # <@a.b?c}d/>: the '}' ended our probe's ${...}; in FreeMarker it is unexpected
            sp = exprs[0].span
            raise TemplateSyntaxError(
                'Encountered "}", but was expecting the end of the macro call\'s callee.',
                name=self.name,
                lineno=sp.end_line,
                column=sp.end_column - 1,
            )
        return self.expr(exprs[0].expr, scope)

    def invoke(
        self,
        ctx: Ctx,
        m: Macro,
        named: dict[str, Any] | None,
        positional: list[Any] | None,
        caller_body: Exec | None,
        loop_params: tuple[str, ...],
        node: n.Node,
    ) -> Any:
        what = "function" if m.is_function else "macro"
        if m.bound_named is not None:  # ?with_args({...}): defaults the call may override
            if positional:
                raise self.fail(
                    MiscTemplateError(
                        f'{what.capitalize()} "{m.name}" has named arguments from '
                        "?with_args, so it can't also be called with positional ones."
                    ),
                    node,
                )
            named = {**m.bound_named, **(named or {})}
        if m.bound_positional is not None:  # ?with_args([...])
            if named:
                raise self.fail(
                    MiscTemplateError(
                        f'{what.capitalize()} "{m.name}" has positional arguments from '
                        "?with_args, so it can't also be called with named ones."
                    ),
                    node,
                )
            call = list(positional or [])
            bound = list(m.bound_positional)
            positional = [*call, *bound] if m.bound_last else [*bound, *call]
        local: dict[str, Any] = {}
        param_names = [p for p, _ in m.params]
        if named:
            extra: dict[str, Any] = {}
            for k, v in named.items():
                if k in param_names:
                    local[k] = v
                elif m.catch_all is not None:
                    extra[k] = v
                else:
                    raise self.fail(
                        MiscTemplateError(
                            f'Macro "{m.name}" has no parameter with name "{k}". Valid parameter '
                            f"names are: {', '.join(param_names)}"
                        ),
                        node,
                    )
            if m.catch_all is not None:
                local[m.catch_all] = extra
        elif positional is not None:
            if len(positional) > len(param_names) and m.catch_all is None:
                raise self.fail(
                    MiscTemplateError(
                        f'{what.capitalize()} "{m.name}" only accepts {len(param_names)} '
                        f"parameters, but got {len(positional)}."
                    ),
                    node,
                )
            for k, v in zip(param_names, positional, strict=False):
                local[k] = v
            if m.catch_all is not None:
                local[m.catch_all] = list(positional[len(param_names) :])
        elif m.catch_all is not None:
            local[m.catch_all] = []
        if ctx.depth >= ctx.limits.max_depth:
            raise self.fail(
                ResourceLimitError(
                    f"Macro/function calls nest too deeply (the limit is "
                    f"{ctx.limits.max_depth}) in {what} {m.name}."
                ),
                node,
            )
        saved = (ctx.lv, ctx.loops, ctx.locals, ctx.frame)
        frame = _MacroFrame(m, caller_body, ctx.lv, ctx.loops, ctx.locals, ctx.frame, loop_params)
        ctx.lv, ctx.loops, ctx.locals, ctx.frame = {}, {}, local, frame
        ctx.depth += 1
        try:
            for i, (pname, default) in enumerate(m.params):
                if local.get(pname) is None:
                    if default is None:
                        how = (
                            "was specified, but had null/missing value"
                            if pname in local
                            else "was not specified"
                        )
                        raise self.fail(
                            MiscTemplateError(
                                f'When calling {what} "{m.name}", required parameter "{pname}" '
                                f"(parameter #{i + 1}) {how}."
                            ),
                            node,
                        )
                    v = default(ctx)
                    if v is None:
                        raise self.fail(
                            InvalidReferenceError(
                                f'The default value of parameter "{pname}" of {what} "{m.name}" '
                                "evaluated to null or missing."
                            ),
                            node,
                        )
                    local[pname] = v
            out = ctx.out
            if m.is_function:
                ctx.out = []  # a function's own output is discarded
            try:
                m.body(ctx)
            except _Return as r:
                return r.value
            finally:
                ctx.out = out
            return None
        finally:
            ctx.lv, ctx.loops, ctx.locals, ctx.frame = saved
            ctx.depth -= 1

    def visit_Nested(self, s: n.Nested, scope: _Scope) -> Exec:
        args = tuple((self.expr(a, scope), a) for a in s.args)

        def run(ctx: Ctx) -> None:
            frame = ctx.frame
            if frame is None or frame.caller_body is None:
                return
            # FreeMarker evaluates every argument but lets a null one through: the loop
            # variable is then missing (and an argument without a loop variable is unused)
            values = [ev(ctx) for ev, _ in args]
            saved = (ctx.lv, ctx.loops, ctx.locals, ctx.frame)
            lv = dict(frame.caller_lv)
            for k, v in zip(frame.loop_params, values, strict=False):
                if v is not None:  # a null one hides nothing: the name resolves further out
                    lv[k] = v
            ctx.lv, ctx.loops, ctx.locals, ctx.frame = (
                lv,
                frame.caller_loops,
                frame.caller_locals,
                frame.caller_frame,
            )
            try:
                frame.caller_body(ctx)
            finally:
                ctx.lv, ctx.loops, ctx.locals, ctx.frame = saved

        return run

    def visit_Return(self, s: n.Return, scope: _Scope) -> Exec:
        if s.value is None:

            def run_plain(ctx: Ctx) -> None:
                raise _Return(None)

            return run_plain
        ev = self.expr(s.value, scope)
        if not (scope.in_macro or scope.in_function):

            def run_outside(ctx: Ctx) -> None:
                ev(ctx)
                raise EscapingReturn(
                    self.fail(
                        ReturnOutsideFunctionError(
                            "#return with a value ran outside a #function; FreeMarker aborts "
                            "the template here (its Return signal escapes, past #attempt)."
                        ),
                        s,
                    )
                )

            return run_outside

        def run(ctx: Ctx) -> None:
            # FreeMarker's #return does not check its value: a function may return null
            # (``f(x)!"default"`` and ``?map(f)``'s null-result error depend on it)
            raise _Return(ev(ctx))

        return run

    def visit_Stop(self, s: n.Stop, scope: _Scope) -> Exec:
        ev = self.expr(s.message, scope) if s.message is not None else None

        def run(ctx: Ctx) -> None:
            msg = ""
            if ev is not None:
                v = ev(ctx)
                if v is None:
                    raise self.missing(s.message, ctx)  # type: ignore[arg-type]
                msg = ctx.env.to_string(v)
            raise self.fail(
                StopError(f"Stopping template processing with #stop: {msg}".rstrip(": ")), s
            )

        return run

    def visit_Compress(self, s: n.Compress, scope: _Scope) -> Exec:
        body = self.body(s.body, scope)

        def run(ctx: Ctx) -> None:
            saved = ctx.out
            ctx.out = []
            try:
                body(ctx)
                text = "".join(ctx.out)
            finally:
                ctx.out = saved
            ctx.out.append(_compress(text))

        return run

    def visit_Attempt(self, s: n.Attempt, scope: _Scope) -> Exec:
        body = self.body(s.body, scope)
        recover = self.body(s.recover, scope)

        def run(ctx: Ctx) -> None:
            saved = ctx.out
            ctx.out = []
            try:
                body(ctx)
                text = "".join(ctx.out)
            except TemplateRuntimeError as e:
                ctx.out = saved
                prev = ctx.error
                ctx.error = e
                try:
                    recover(ctx)
                finally:
                    ctx.error = prev
                return
            ctx.out = saved
            ctx.out.append(text)

        return run

    def _load(self, ctx: Ctx, path_ev: Eval, node: n.Stmt, what: str) -> tuple[str, Compiled]:
        """Load and compile the template a ``#include``/``#import`` names (through the
        configured loader only; cached per render)."""
        loader = ctx.loader
        if loader is None:
            raise self.fail(
                SandboxError(
                    f"{what} needs a template loader, and none is configured: templates here "
                    "are rendered standalone and read no files (Template(..., loader=...))."
                ),
                node,
            )
        name = path_ev(ctx)
        if not isinstance(name, str):
            raise self.fail(
                NonStringError(
                    f"{what}'s template name must be a string, but this has evaluated to "
                    f"{type_description(name)}."
                ),
                node,
            )
        try:
            full = loader.normalize(name, self.name if "/" in self.name else None)
            cached = ctx.included.get(full)
            if cached is None:
                from .parser import parse

                source = loader.load(name, self.name if "/" in self.name else None)
                tree = parse(source, full)
                cached = compile_template(tree, source, amplitude=self.amplitude)
                ctx.included[full] = cached
        except TemplateError as err:
            raise self.fail(err, node) from None
        return full, cached

    def visit_Include(self, s: n.Include, scope: _Scope) -> Exec:
        path_ev = self.expr(s.path, scope)

        def run(ctx: Ctx) -> None:
            _, included = self._load(ctx, path_ev, s, "#include")
            ctx.ns.update(included.macros)  # its macros, as FreeMarker defines them at parse
            included.body(ctx)

        return run

    def visit_Import(self, s: n.Import, scope: _Scope) -> Exec:
        path_ev = self.expr(s.path, scope)
        ns_name = s.namespace

        def run(ctx: Ctx) -> None:
            _, library = self._load(ctx, path_ev, s, "#import")
            saved_ns, saved_out = ctx.ns, ctx.out
            namespace: dict[str, Any] = dict(library.macros)
            ctx.ns, ctx.out = namespace, []  # a library's own output is discarded
            try:
                library.body(ctx)
            finally:
                ctx.ns, ctx.out = saved_ns, saved_out
            ctx.ns[ns_name] = namespace

        return run

    # -- expressions ---------------------------------------------------------------------

    def expr(self, e: n.Expr, scope: _Scope) -> Eval:
        method = getattr(self, "expr_" + type(e).__name__)
        result: Eval = method(e, scope)
        return result

    def expr_Literal(self, e: n.Literal, scope: _Scope) -> Eval:
        v = e.value
        return lambda ctx: v

    def expr_StringLit(self, e: n.StringLit, scope: _Scope) -> Eval:
        parts: list[Any] = []
        for p in e.parts:
            if isinstance(p, str):
                parts.append(p)
            elif isinstance(p, n.Interpolation):
                parts.append(self._interpolation_to_string(p, scope))
            else:
                parts.append((self.expr(p, scope), p))

        def run(ctx: Ctx) -> str:
            out = []
            for p in parts:
                if isinstance(p, str):
                    out.append(p)
                elif callable(p):
                    out.append(p(ctx))
                else:
                    ev, node = p
                    v = ev(ctx)
                    if v is None:
                        raise self.missing(node, ctx)
                    try:
                        out.append(ctx.env.to_string(v, output=True))
                    except TemplateError as err:
                        raise self.fail(err, node) from None
            return "".join(out)

        return run

    def _interpolation_to_string(self, s: n.Interpolation, scope: _Scope) -> Callable[[Ctx], str]:
        run = self.visit_Interpolation(s, scope)

        def text(ctx: Ctx) -> str:
            saved = ctx.out
            ctx.out = []
            try:
                run(ctx)
                return "".join(ctx.out)
            finally:
                ctx.out = saved

        return text

    def expr_Variable(self, e: n.Variable, scope: _Scope) -> Eval:
        name = e.name
        if name in scope.loop_vars:
            return lambda ctx: ctx.lv.get(name)
        for suffix in ("_index", "_has_next"):
            base = name[: -len(suffix)] if name.endswith(suffix) else None
            if base and base in scope.loop_vars:
                if suffix == "_index":

                    def legacy_index(ctx: Ctx, base: str = base) -> Any:
                        st = ctx.loops.get(base)
                        return st.index if st is not None else ctx.lookup(name)

                    return legacy_index

                def legacy_has_next(ctx: Ctx, base: str = base) -> Any:
                    st = ctx.loops.get(base)
                    return st.has_next if st is not None else ctx.lookup(name)

                return legacy_has_next
        if self.amplitude and name == "statics":
            from .amplitude import STATICS

            return lambda ctx: ctx.lookup(name) if ctx.lookup(name) is not None else STATICS
        if self.amplitude and name == "UtilClass":
            from .amplitude import UTIL_CLASS

            def util(ctx: Ctx) -> Any:
                v = ctx.lookup(name)
                return UTIL_CLASS if v is None else v

            return util

        def lookup(ctx: Ctx) -> Any:
            lv = ctx.lv
            if name in lv:
                return lv[name]
            loc = ctx.locals
            if loc is not None and name in loc:
                return loc[name]
            ns = ctx.ns
            if name in ns:
                return ns[name]
            g = ctx.globals
            if name in g:
                return g[name]
            return ctx.data.get(name)

        return lookup

    def expr_SpecialVariable(self, e: n.SpecialVariable, scope: _Scope) -> Eval:
        name = e.name
        if name not in _SPECIAL_VARIABLES:
            raise self.syntax_error(
                f'Unknown special variable name: ".{name}". The allowed special variable names '
                f"are: {', '.join(sorted(_SPECIAL_VARIABLES))}",
                e,
            )
        tname = self.name

        def run(ctx: Ctx) -> Any:
            s = ctx.env.settings
            if name == "now":
                return TemplateDate(int(time.time() * 1000), "datetime")
            if name == "lang":
                return s.locale.split("_")[0]
            if name in ("locale", "locale_object"):
                return s.locale
            if name in ("template_name", "current_template_name", "main_template_name"):
                return tname
            if name == "data_model":
                return dict(ctx.data)
            if name == "globals":
                return PlainHash({**ctx.data, **ctx.globals})
            if name in ("main", "namespace"):
                return ctx.ns
            if name == "locals":
                return dict(ctx.locals) if ctx.locals is not None else None
            if name == "vars":
                merged: dict[str, Any] = {**ctx.data, **ctx.globals, **ctx.ns}
                if ctx.locals:
                    merged.update(ctx.locals)
                merged.update(ctx.lv)
                merged.pop("\x00items", None)
                return PlainHash(merged)
            if name == "version":
                return "2.3.31"
            if name == "incompatible_improvements":
                return "2.3.31"
            if name == "error":
                return ctx.error.message if ctx.error is not None else None
            if name == "output_encoding":
                return s.output_encoding
            if name == "url_escaping_charset":
                return s.url_escaping_charset
            if name == "time_zone":
                return s.time_zone
            if name == "output_format":
                return self.output_format
            if name == "auto_esc":
                return False
            raise self.fail(
                SandboxError(f'The special variable ".{name}" is not available in this sandbox.'), e
            )

        return run

    def hash_get(
        self, target: Any, key: str, tnode: n.Node, ctx: Ctx, role: str = '"." left-hand operand'
    ) -> Any:
        if isinstance(target, Mapping):
            return target.get(key)
        if target is None:
            raise self.missing(tnode, ctx)
        if isinstance(target, Nothing):  # (x!).k: an empty hash
            return None
        if isinstance(target, PlainHash):  # .vars[name]
            return target.get(key)
        if self.amplitude and isinstance(target, list | tuple) and key == "iterator":
            from .amplitude import iterator_method

            return iterator_method(target)
        raise self.fail(
            NonHashError(
                f"For {role}: Expected a hash, but this has evaluated to {_describe(target)}."
            ),
            tnode,
        )

    def expr_Dot(self, e: n.Dot, scope: _Scope) -> Eval:
        target = self.expr(e.target, scope)
        key = e.name
        tnode = e.target
        if isinstance(tnode, n.Variable) and tnode.name in scope.loop_vars:
            var = tnode.name  # a field of a loop variable: one closure, not two

            def run_loop_var(ctx: Ctx) -> Any:
                t = ctx.lv.get(var)
                if type(t) is dict:
                    return t.get(key)
                try:
                    return self.hash_get(t, key, tnode, ctx)
                except TemplateError as err:
                    raise self.fail(err, e) from None

            return run_loop_var

        def run(ctx: Ctx) -> Any:
            t = target(ctx)
            if type(t) is dict:
                return t.get(key)
            try:
                return self.hash_get(t, key, tnode, ctx)
            except TemplateError as err:
                raise self.fail(err, e) from None

        return run

    def expr_DynamicKey(self, e: n.DynamicKey, scope: _Scope) -> Eval:
        self._enable_lazy(e.target)  # as FreeMarker's DynamicKeyName always does
        target = self.expr(e.target, scope)
        tnode = e.target
        if isinstance(e.key, n.Range):
            return self._slice(e, target, scope)
        key_ev = self.expr(e.key, scope)
        knode = e.key

        def run(ctx: Ctx) -> Any:
            t = target(ctx)
            if t is None:
                raise self.missing(tnode, ctx)
            k = key_ev(ctx)
            if k is None:
                raise self.missing(knode, ctx)
            if isinstance(k, str):
                return self.hash_get(t, k, tnode, ctx, _KEY_ROLE)
            if isinstance(k, bool) or not isinstance(k, int | float | Decimal):
                raise self.fail(
                    UnexpectedTypeError(
                        'For "...[...]" enclosed operand: Expected a number, range, or string, '
                        f"but this has evaluated to {type_description(k)}."
                    ),
                    knode,
                )
            i = _as_int_index(k)
            if isinstance(t, list | tuple | range):
                return t[i] if 0 <= i < len(t) else None
            if isinstance(t, Nothing):  # (x!)[0]: an empty sequence
                return None
            if isinstance(t, UnboundedRange):
                return t.start + i if i >= 0 else None
            if isinstance(t, LazySeq):
                return lazy_index(t, i)
            if isinstance(t, str | int | float | Decimal | TemplateDate | bool):
                try:
                    text = t if isinstance(t, str) else ctx.env.to_string(t)
                except TemplateError as err:
                    raise self.fail(err, tnode) from None
                units = _Utf16(text)
                if i < 0 or i >= len(units):
                    raise self.fail(
                        MiscTemplateError(
                            f"Index {i} is out of bounds for a string of length {len(units)}."
                        ),
                        knode,
                    )
                return units[i]
            raise self.fail(
                UnexpectedTypeError(
                    f"For {_KEY_ROLE}: Expected a sequence or string or something automatically "
                    "convertible to string (number, date or boolean), but this has evaluated to "
                    f"{type_description(t)}."
                ),
                tnode,
            )

        return run

    def _slice(self, e: n.DynamicKey, target: Eval, scope: _Scope) -> Eval:
        rng = e.key
        assert isinstance(rng, n.Range)
        start_ev = self.expr(rng.start, scope)
        end_ev = self.expr(rng.end, scope) if rng.end is not None else None
        kind = rng.kind
        tnode = e.target
        symbol = _RANGE_SYMBOL[kind]
        left_role, right_role = f'"{symbol}" left-hand operand', f'"{symbol}" right-hand operand'
        lazy_result = self._is_lazy(e)

        def run(ctx: Ctx) -> Any:
            t = target(ctx)
            if t is None:
                raise self.missing(tnode, ctx)
            # FreeMarker evaluates the range before it checks what it slices
            start_v = self.number_of(start_ev(ctx), rng.start, ctx, left_role)
            end_v = (
                self.number_of(end_ev(ctx), rng.end, ctx, right_role)  # type: ignore[arg-type]
                if end_ev is not None
                else None
            )
            if isinstance(t, LazySeq):
                return self._slice_lazy(t, start_v, end_v, e, lazy_result)
            if isinstance(t, str):
                seq: Any = _Utf16(t)
            elif isinstance(t, list | tuple | range):
                seq = t
            elif isinstance(t, int | float | Decimal | TemplateDate) and not isinstance(t, bool):
                seq = _Utf16(ctx.env.to_string(t))
            else:
                raise self.fail(
                    MiscTemplateError(
                        f"For {_KEY_ROLE}: Expected a sequence or string or something "
                        "automatically convertible to string (number, date or boolean), but this "
                        f"has evaluated to {type_description(t)}."
                    ),
                    tnode,
                )
            length = len(seq)
            start = _as_int_index(start_v)
            if end_v is None:
                idx: range = range(start, length)
            else:
                end = _as_int_index(end_v)
                if kind == "inclusive":
                    idx = range(start, end + 1) if end >= start else range(start, end - 1, -1)
                elif kind == "exclusive":
                    idx = range(start, end) if end >= start else range(start, end, -1)
                elif end >= 0:
                    idx = range(start, min(start + end, length))
                else:
                    idx = range(start, max(start + end, -1), -1)
            if kind == "limited" and start > length:
                raise self.fail(
                    MiscTemplateError(
                        f"Range start index {start} is out of bounds, because the sliced "
                        f"{'string' if isinstance(seq, _Utf16) else 'sequence'} has only "
                        f"{length} element(s). (Note that indices are 0-based)."
                    ),
                    e,
                )
            if len(idx) and (min(idx[0], idx[-1]) < 0 or max(idx[0], idx[-1]) >= length):
                bad = idx[0] if not 0 <= idx[0] < length else idx[-1]
                raise self.fail(
                    MiscTemplateError(
                        f"Range index {bad} is out of bounds: the "
                        f"{'string' if isinstance(seq, _Utf16) else 'sequence'} "
                        f"has {length} items."
                    ),
                    e,
                )
            if isinstance(seq, _Utf16):
                if len(idx) > 1 and idx.step < 0:
                    if kind == "inclusive" and len(idx) == 2:
                        return ""  # FreeMarker keeps 'x..x-1' meaning an empty slice
                    raise self.fail(
                        MiscTemplateError(
                            "Decreasing ranges aren't allowed for slicing strings (as it would "
                            f"give reversed text). The index range was: first = {idx[0]}, "
                            f"last = {idx[-1]}"
                        ),
                        e,
                    )
                return seq.pick(idx)
            if idx.step == 1:
                return list(seq[idx.start : idx.stop]) if len(idx) else []
            return [seq[i] for i in idx]

        return run

    def _slice_lazy(
        self, t: LazySeq, start_v: Any, end_v: Any, e: n.DynamicKey, lazy_result: bool
    ) -> Any:
        """A slice of a lazily generated sequence, given the range as FreeMarker's
        RangeModel describes it (begin, size, step, right-unbounded, right-adaptive)."""
        rng = e.key
        assert isinstance(rng, n.Range)
        begin = _as_int_index(start_v)
        if end_v is None:
            size, step, unbounded, adaptive = 0, 1, True, True
        else:
            end = _as_int_index(end_v)
            if rng.kind == "limited":
                end += begin
            step = 1 if begin <= end else -1
            size = abs(end - begin) + (1 if rng.kind == "inclusive" else 0)
            unbounded, adaptive = False, rng.kind == "limited"
        return lazy_slice(
            t,
            begin,
            size,
            step,
            unbounded,
            adaptive,
            lazy_result,
            lambda err: self.fail(err, rng),
            lambda err: self.fail(err, e),
        )

    def expr_MethodCall(self, e: n.MethodCall, scope: _Scope) -> Eval:
        target = self.expr(e.target, scope)
        args = tuple((self.expr(a, scope), a) for a in e.args)
        tnode = e.target

        def run(ctx: Ctx) -> Any:
            f = target(ctx)
            if f is None:
                raise self.missing(tnode, ctx)
            if isinstance(f, Macro) and not f.is_function:
                raise self.fail(
                    MiscTemplateError(
                        "A macro cannot be called in an expression. (Functions can be.)"
                    ),
                    tnode,
                )
            if not isinstance(f, Method | Macro):
                # FreeMarker checks the callee before it evaluates any argument
                raise self.fail(
                    NonMethodError(
                        'For "...(...)" callee: Expected a method or function, but this has '
                        f"evaluated to {type_description(f)}."
                    ),
                    tnode,
                )
            if isinstance(f, Macro) and f.is_function:
                # as FreeMarker: the count is checked before the arguments are evaluated, and
                # a null argument is passed on (its default applies, or "was specified, but
                # had null/missing value")
                if f.catch_all is None and f.bound_positional is None and len(args) > len(f.params):
                    raise self.fail(
                        MiscTemplateError(
                            f'Function "{f.name}" only accepts {len(f.params)} parameters, but '
                            f"got {len(args)}."
                        ),
                        e,
                    )
                return self.invoke(ctx, f, None, [ev(ctx) for ev, _ in args], None, (), e)
            values = [ev(ctx) for ev, _ in args]
            if isinstance(f, Method):
                try:
                    return f.call(values)
                except TemplateError as err:
                    raise self.fail(err, e) from None
            raise self.fail(
                NonMethodError(
                    'For "...(...)" callee: Expected a method or function, but this has '
                    f"evaluated to {type_description(f)}."
                ),
                tnode,
            )

        return run

    def expr_BuiltInCall(self, e: n.BuiltInCall, scope: _Scope) -> Eval:
        entry = lookup(e.name)
        if entry is None:
            raise self.syntax_error(f'Unknown built-in: "{e.name}".', e)
        op = STREAM_OPS.get(e.name)
        if op is not None:
            return self._stream_op(e, op, scope)
        if e.name == "string" and e.args == ():
            return self._string_called_empty(e, scope)
        if e.args is None and e.name in ("then", "switch"):  # parameters bound at parse time
            raise self._syntax_error_after(
                f"?{e.name} must be followed by its parameters in parentheses.",
                e.name_span.end_line,
                e.name_span.end_column,
            )
        name = self.name
        if entry.kind == "jvm_only":

            def refused(ctx: Ctx) -> Any:
                return entry.fn(ctx.env, None, *(()))

            return self._locate_all(refused, e)
        if entry.kind == "loop":
            assert isinstance(e.target, n.Variable)
            var = e.target.name
            if var not in scope.loop_vars:
                raise self.syntax_error(
                    f"The left hand operand of ?{e.name} must be a loop variable, but there's no "
                    f"loop variable in scope with this name: {var}",
                    e.target,
                )
            fn = entry.fn
            if e.args is None and entry.arity is not None and not entry.bare_ok:
                # x?item_cycle without (...): a method bound to this iteration, called later
                def loop_method(ctx: Ctx) -> Any:
                    st = ctx.loops.get(var)
                    if st is None:
                        raise self.fail(
                            MiscTemplateError(f"There's no iteration in context for {var}."), e
                        )
                    env = ctx.env
                    return Method(
                        entry.name, lambda args: self._call_builtin(entry, env, st, args, e)
                    )

                return loop_method

            def loop_bi(ctx: Ctx) -> Any:
                st = ctx.loops.get(var)
                if st is None:
                    raise self.fail(
                        MiscTemplateError(f"There's no iteration in context for {var}."), e
                    )
                try:
                    result = fn(ctx.env, st)
                except TemplateError as err:
                    raise _located(err, name, e.span, self.text_of(e.span)) from None
                if e.args is not None:
                    return self._call_result(result, e, ctx, scope)
                return result

            if e.args is not None:
                loop_args = tuple(self.expr(a, scope) for a in e.args)

                def loop_bi_args(ctx: Ctx) -> Any:
                    st = ctx.loops.get(var)
                    if st is None:
                        raise self.fail(
                            MiscTemplateError(f"There's no iteration in context for {var}."), e
                        )
                    try:
                        return fn(ctx.env, st, *[a(ctx) for a in loop_args])
                    except TemplateError as err:
                        raise _located(err, name, e.span, self.text_of(e.span)) from None

                return loop_bi_args
            return loop_bi
        self._mark_builtin_target(e)
        target = self.expr(e.target, scope)
        tnode = e.target
        if entry.kind == "missing_ok" and isinstance(e.target, n.Paren):
            inner_target = target

            def tolerant(ctx: Ctx) -> Any:
                try:
                    return inner_target(ctx)
                except InvalidReferenceError:
                    return None

            target = tolerant
        fn = entry.fn
        if e.name == "sequence" and self._is_lazy(e):
            fn = sequence_lazily
        limited = self._size_limits.get(id(e))
        if limited is not None:
            fn = _limited_size(limited[1], fn)
        if e.args is None:
            if entry.arity is not None and not entry.bare_ok:
                # x?left_pad without (...): a method value to call later
                def bound(ctx: Ctx) -> Any:
                    t = target(ctx)
                    if t is None and entry.kind != "missing_ok":
                        raise self.missing(tnode, ctx)
                    env = ctx.env
                    return Method(
                        entry.name, lambda args: self._call_builtin(entry, env, t, args, e)
                    )

                return bound

            check_missing = entry.kind != "missing_ok"

            def bare(ctx: Ctx) -> Any:
                t = target(ctx)
                if t is None and check_missing:
                    raise self.missing(tnode, ctx)
                try:
                    return fn(ctx.env, t)
                except TemplateError as err:
                    raise _located(
                        _target_role(err, e), name, e.span, self.text_of(e.span)
                    ) from None

            return bare
        # with arguments
        if entry.kind == "lazy":
            thunks = tuple(self._thunk(a, scope) for a in e.args)

            def lazy(ctx: Ctx) -> Any:
                t = target(ctx)
                if t is None:
                    raise self.missing(tnode, ctx)
                try:
                    return fn(ctx.env, t, *[(lambda th=th: th(ctx)) for th in thunks])
                except TemplateError as err:
                    raise _located(
                        _target_role(err, e), name, e.span, self.text_of(e.span)
                    ) from None

            return lazy
        arg_evs = tuple(
            (self._lambda(a, scope) if isinstance(a, n.LambdaExpr) else self.expr(a, scope), a)
            for a in e.args
        )
        if entry.arity is None:
            # not callable itself: its result is called (e.g. a built-in returning a method)
            def call_result(ctx: Ctx) -> Any:
                t = target(ctx)
                if t is None and entry.kind != "missing_ok":
                    raise self.missing(tnode, ctx)
                try:
                    result = fn(ctx.env, t)
                except TemplateError as err:
                    raise _located(
                        _target_role(err, e), name, e.span, self.text_of(e.span)
                    ) from None
                values = [ev(ctx) for ev, _ in arg_evs]
                if isinstance(result, Method):
                    try:
                        return result.call(values)
                    except TemplateError as err:
                        raise _located(err, name, e.span, self.text_of(e.span)) from None
                raise self.fail(
                    NonMethodError(
                        f'For "...(...)" callee: Expected a method, but ?{entry.name} has evaluated to '
                        f"{type_description(result)}; it takes no arguments."
                    ),
                    e,
                )

            return call_result
        check_missing = entry.kind != "missing_ok"

        def with_args(ctx: Ctx) -> Any:
            t = target(ctx)
            if t is None and check_missing:
                raise self.missing(tnode, ctx)
            values = []
            for ev, node in arg_evs:
                v = ev(ctx)
                if v is None and entry.kind != "missing_ok":
                    raise self.missing(node, ctx)
                values.append(v)
            return self._call_builtin(entry, ctx.env, t, values, e)

        return with_args

    def _string_called_empty(self, e: n.BuiltInCall, scope: _Scope) -> Eval:
        """``x?string()``: FreeMarker's ?string of a number or boolean is a method that needs
        its format arguments, and of a string is the string itself, which cannot be called."""
        target = self.expr(e.target, scope)
        tnode = e.target

        def run(ctx: Ctx) -> Any:
            t = target(ctx)
            if t is None:
                raise self.missing(tnode, ctx)
            if isinstance(t, bool):
                err: TemplateError = BuiltInArgumentError(
                    "?string(...) expects 2 arguments but has received none."
                )
            elif isinstance(t, int | float | Decimal | TemplateDate):
                err = BuiltInArgumentError("?string(...) expects 1 argument but has received none.")
            else:
                err = NonMethodError(
                    'For "...(...)" callee: Expected a method or function, but this has '
                    f"evaluated to {type_description(t)}."
                )
            raise self.fail(err, e)

        return run

    def _call_builtin(
        self, entry: BuiltIn, env: Environment, target: Any, args: list[Any], e: n.Node
    ) -> Any:
        lo, hi = entry.arity or (0, 0)
        if len(args) < lo or (hi >= 0 and len(args) > hi):
            if lo == hi:
                expect = f"{lo}"
            elif hi < 0:
                expect = f"at least {lo}"
            else:
                expect = f"{lo} to {hi}"

            raise self.fail(
                BuiltInArgumentError(
                    f"?{entry.name}(...) expects {expect} argument{'s' if expect != '1' else ''}, "
                    f"but has received {len(args)}."
                ),
                e,
            )
        try:
            return entry.fn(env, target, *args)
        except BuiltInArgumentError:
            raise  # FreeMarker blames the instruction, not the expression
        except TemplateError as err:
            raise _located(_target_role(err, e), self.name, e.span, self.text_of(e.span)) from None

    def _call_result(self, result: Any, e: n.BuiltInCall, ctx: Ctx, scope: _Scope) -> Any:
        return result

    def _thunk(self, a: n.Expr, scope: _Scope) -> Eval:
        ev = self.expr(a, scope)

        def th(ctx: Ctx) -> Any:
            v = ev(ctx)
            if v is None:
                raise self.missing(a, ctx)
            return v

        return th

    def _lambda(self, lam: n.LambdaExpr, scope: _Scope) -> Eval:
        inner = scope.with_loop((lam.param,))
        body = self.expr(lam.body, inner)
        param = lam.param

        def make(ctx: Ctx) -> Lambda:
            def call(args: list[Any]) -> Any:
                lv = ctx.lv
                old = lv.get(param, _UNSET)
                lv[param] = args[0] if args else None
                try:
                    return body(ctx)
                finally:
                    if old is _UNSET:
                        lv.pop(param, None)
                    else:
                        lv[param] = old

            return Lambda((param,), call)

        return make

    def _locate_all(self, ev: Eval, e: n.Node) -> Eval:
        name = self.name

        def run(ctx: Ctx) -> Any:
            try:
                return ev(ctx)
            except TemplateError as err:
                raise _located(err, name, e.span, self.text_of(e.span)) from None

        return run

    def expr_Exists(self, e: n.Exists, scope: _Scope) -> Eval:
        target = self.expr(e.target, scope)
        if not isinstance(e.target, n.Paren):
            return lambda ctx: target(ctx) is not None

        def tolerant(ctx: Ctx) -> bool:
            try:
                return target(ctx) is not None
            except InvalidReferenceError:
                return False

        return tolerant

    def expr_DefaultTo(self, e: n.DefaultTo, scope: _Scope) -> Eval:
        target = self.expr(e.target, scope)
        default = self.expr(e.default, scope) if e.default is not None else None
        tolerant = isinstance(e.target, n.Paren)

        def run(ctx: Ctx) -> Any:
            try:
                v = target(ctx)
            except InvalidReferenceError:
                if not tolerant:
                    raise
                v = None
            if v is not None:
                return v
            if default is None:
                return NOTHING  # an empty string, sequence and hash at once
            return default(ctx)

        return run

    def expr_Paren(self, e: n.Paren, scope: _Scope) -> Eval:
        return self.expr(e.inner, scope)

    def expr_Not(self, e: n.Not, scope: _Scope) -> Eval:
        cond = self.condition(e.operand, scope, '"!" right-hand operand')
        return lambda ctx: not cond(ctx)

    def expr_And(self, e: n.And, scope: _Scope) -> Eval:
        left = self.condition(e.left, scope, '"&&" left-hand operand')
        right = self.condition(e.right, scope, '"&&" right-hand operand')
        return lambda ctx: left(ctx) and right(ctx)

    def expr_Or(self, e: n.Or, scope: _Scope) -> Eval:
        left = self.condition(e.left, scope, '"||" left-hand operand')
        right = self.condition(e.right, scope, '"||" right-hand operand')
        return lambda ctx: left(ctx) or right(ctx)

    def number_of(
        self, v: Any, node: n.Node, ctx: Ctx | None = None, role: str | None = None
    ) -> Any:
        """``v`` if it is a number; ``role`` names the operand as FreeMarker's message does
        (``"-" left-hand operand``)."""
        if v is None:
            raise self.missing(node, ctx)
        if isinstance(v, bool) or not isinstance(v, int | float | Decimal):
            lead = f"For {role}: " if role else ""
            raise self.fail(
                NonNumericalError(
                    f"{lead}Expected a number, but this has evaluated to {type_description(v)}."
                ),
                node,
            )
        return v

    def expr_Negate(self, e: n.Negate, scope: _Scope) -> Eval:
        operand = self.expr(e.operand, scope)
        onode = e.operand
        minus = e.minus
        role = '"-..." right-hand operand' if minus else '"+..." right-hand operand'

        def run(ctx: Ctx) -> Any:
            v = self.number_of(operand(ctx), onode, ctx, role)
            return arith.neg(v) if minus else v

        return run

    def arith_op(self, op: str, a: Any, b: Any, node: n.Node) -> Any:
        try:
            if op == "-":
                return arith.sub(a, b)
            if op == "*":
                return arith.mul(a, b)
            if op == "/":
                return arith.div(a, b)
            return arith.mod(a, b)
        except TemplateError as err:
            raise self.fail(err, node) from None

    def plus(self, a: Any, b: Any, node: n.Node, ctx: Ctx) -> Any:
        """``+``: addition, string concatenation, sequence concatenation or hash merge."""
        num_a = isinstance(a, int | float | Decimal) and not isinstance(a, bool)
        num_b = isinstance(b, int | float | Decimal) and not isinstance(b, bool)
        if num_a and num_b:
            return arith.add(a, b)
        if isinstance(a, list | tuple | range | Nothing) and isinstance(
            b, list | tuple | range | Nothing
        ):  # x! is an empty sequence too: x! + [1] is [1], and x! + x! a sequence
            return [*(() if isinstance(a, Nothing) else a), *(() if isinstance(b, Nothing) else b)]
        # Strings before hashes, as FreeMarker coerces to string first: x?string is both
        # (Formatted), and two of them concatenate.
        scalars = str | int | float | Decimal | TemplateDate
        if isinstance(a, scalars) and isinstance(b, scalars):
            try:
                return ctx.env.to_string(a) + ctx.env.to_string(b)
            except TemplateError as err:
                raise self.fail(err, node) from None
        if isinstance(a, Mapping | Nothing) and isinstance(b, Mapping | Nothing):
            return {
                **(a if isinstance(a, Mapping) else {}),
                **(b if isinstance(b, Mapping) else {}),
            }
        bad, side = (b, "right") if isinstance(a, scalars) else (a, "left")
        raise self.fail(
            NonStringOrTemplateOutputError(
                f'For "+" {side}-hand operand: Expected a string or something automatically '
                'convertible to string (number, date or boolean), or "template output", but this '
                f"has evaluated to {type_description(bad)}."
            ),
            node,
        )

    def expr_BinOp(self, e: n.BinOp, scope: _Scope) -> Eval:
        left = self.expr(e.left, scope)
        right = self.expr(e.right, scope)
        op = e.op
        lnode, rnode = e.left, e.right
        if op == "+":

            def run_plus(ctx: Ctx) -> Any:
                a = left(ctx)
                if a is None:
                    raise self.missing(lnode, ctx)
                b = right(ctx)
                if b is None:
                    if a is True or a is False:
                        # FreeMarker turns the left side into text before it looks at the
                        # right one: a boolean fails there first
                        try:
                            ctx.env.to_string(a)
                        except TemplateError as err:
                            raise self.fail(err, e) from None
                    raise self.missing(rnode, ctx)
                return self.plus(a, b, e, ctx)

            return run_plus

        left_role, right_role = f'"{op}" left-hand operand', f'"{op}" right-hand operand'

        def run(ctx: Ctx) -> Any:
            a = self.number_of(left(ctx), lnode, ctx, left_role)
            b = self.number_of(right(ctx), rnode, ctx, right_role)
            return self.arith_op(op, a, b, e)

        return run

    def compare_values(self, a: Any, op: str, b: Any, node: n.Node, ctx: Ctx) -> bool:
        num_a = isinstance(a, int | float | Decimal) and not isinstance(a, bool)
        num_b = isinstance(b, int | float | Decimal) and not isinstance(b, bool)
        if num_a and num_b:
            try:
                c = arith.compare(a, b)
            except TemplateError as err:
                raise self.fail(err, node) from None
        elif isinstance(a, str) and isinstance(b, str):
            if op not in ("==", "!="):
                raise self.fail(
                    MiscTemplateError(f'Can\'t use operator "{op}" on string values.'), node
                )
            c = 0 if a == b else 1
        elif isinstance(a, bool) and isinstance(b, bool):
            if op not in ("==", "!="):
                raise self.fail(
                    MiscTemplateError(f'Can\'t use operator "{op}" on boolean values.'), node
                )
            c = int(a) - int(b)
        elif isinstance(a, TemplateDate) and isinstance(b, TemplateDate):
            if a.kind == "unknown" or b.kind == "unknown":
                raise self.fail(
                    MiscTemplateError(
                        "The value of the comparison is a date-like value where it's not known if "
                        "it's a date (no time part), time, or date-time, and thus can't be used in a "
                        "comparison."
                    ),
                    node,
                )
            if a.kind != b.kind:
                raise self.fail(
                    MiscTemplateError(
                        f"Can't compare dates of different types. Left date type is {a.kind}, right "
                        f"date type is {b.kind}."
                    ),
                    node,
                )
            c = (a.epoch_ms > b.epoch_ms) - (a.epoch_ms < b.epoch_ms)
        else:
            raise self.fail(
                MiscTemplateError(
                    "Can't compare values of these types. Allowed comparisons are between two "
                    "numbers, two strings, two dates, or two booleans."
                ),
                node,
            )
        if op == "==":
            return c == 0
        if op == "!=":
            return c != 0
        if op == "<":
            return c < 0
        if op == "<=":
            return c <= 0
        if op == ">":
            return c > 0
        return c >= 0

    def expr_Compare(self, e: n.Compare, scope: _Scope) -> Eval:
        self._note_size_limit(e)
        left = self.expr(e.left, scope)
        right = self.expr(e.right, scope)
        op = e.op
        lnode, rnode = e.left, e.right

        def run(ctx: Ctx) -> bool:
            a = left(ctx)  # FreeMarker evaluates both sides before it looks for a null
            b = right(ctx)
            if a is None:
                raise self.missing(lnode, ctx)
            if b is None:
                raise self.missing(rnode, ctx)
            return self.compare_values(a, op, b, e, ctx)

        return run

    def expr_Range(self, e: n.Range, scope: _Scope) -> Eval:
        start = self.expr(e.start, scope)
        end = self.expr(e.end, scope) if e.end is not None else None
        kind = e.kind
        snode, enode = e.start, e.end
        symbol = _RANGE_SYMBOL[kind]
        left_role, right_role = f'"{symbol}" left-hand operand', f'"{symbol}" right-hand operand'

        def run(ctx: Ctx) -> Any:
            a = _as_int_index(self.number_of(start(ctx), snode, ctx, left_role))
            if end is None:
                return UnboundedRange(a)
            b = _as_int_index(self.number_of(end(ctx), enode, ctx, right_role))  # type: ignore[arg-type]
            if kind == "inclusive":
                return range(a, b + 1) if b >= a else range(a, b - 1, -1)
            if kind == "exclusive":
                return range(a, b) if b >= a else range(a, b, -1)
            # limited: a..*n  (n items, counting down when negative)
            return range(a, a + b) if b >= 0 else range(a, a + b, -1)

        return run

    def expr_SequenceLit(self, e: n.SequenceLit, scope: _Scope) -> Eval:
        items = tuple((self.expr(i, scope), i) for i in e.items)

        def run(ctx: Ctx) -> list[Any]:
            out = []
            for ev, node in items:
                v = ev(ctx)
                if v is None:
                    raise self.missing(node, ctx)
                out.append(v)
            return out

        return run

    def expr_HashLit(self, e: n.HashLit, scope: _Scope) -> Eval:
        pairs = tuple((self.expr(k, scope), self.expr(v, scope), k, v) for k, v in e.pairs)

        def run(ctx: Ctx) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for kev, vev, knode, vnode in pairs:
                k = kev(ctx)
                if k is None:
                    raise self.missing(knode, ctx)
                if not isinstance(k, str):
                    # FreeMarker converts a number, date or boolean key to text as ${k} would
                    if not isinstance(k, int | float | Decimal | TemplateDate):
                        raise self.fail(
                            NonStringError(
                                'For "{...}" item key: Expected a string or something '
                                "automatically convertible to string (number, date or boolean), "
                                f"but this has evaluated to {type_description(k)}."
                            ),
                            knode,
                        )
                    try:
                        k = ctx.env.to_string(k)
                    except TemplateError as err:
                        raise self.fail(err, knode) from None
                v = vev(ctx)
                if v is None:
                    raise self.missing(vnode, ctx)
                out[k] = v
            return out

        return run

    def expr_LambdaExpr(self, e: n.LambdaExpr, scope: _Scope) -> Eval:
        raise self.syntax_error("A lambda expression is only allowed as a built-in argument.", e)


_UNSET = object()


def _unparen(e: n.Expr) -> n.Expr:
    return e.inner if isinstance(e, n.Paren) else e


def _describe(v: Any) -> str:
    """type_description, and FreeMarker's words for a lazily generated sequence."""
    if isinstance(v, LazySeq | JavaIterator):
        return "a sequence+collection"
    return type_description(v)


def _peel(e: n.Expr) -> n.Expr:
    """``e`` without any number of enclosing parentheses (FreeMarker's peelParentheses)."""
    while isinstance(e, n.Paren):
        e = e.inner
    return e


def _is_bare_size(e: n.Expr) -> bool:
    return isinstance(e, n.BuiltInCall) and e.name == "size" and e.args is None


def _is_number_literal(e: n.Expr) -> bool:
    return isinstance(e, n.Literal) and isinstance(e.value, Decimal)


_MIRRORED = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}
_INT_MAX = 2**31 - 1  # FreeMarker's size of a right-unbounded range


def _limited_size(limit: int, size: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """``?size`` with a counting limit (see :meth:`_Compiler._note_size_limit`)."""

    def limited(env: Any, target: Any) -> Any:
        if isinstance(target, LazySeq):
            return lazy_count(target, limit)
        return size(env, target)

    return limited


def _macro_definitions(body: n.Body) -> Iterator[n.MacroDef]:
    """Every #macro and #function of a template, in source order, at any depth."""
    for s in body:
        if isinstance(s, n.MacroDef):
            yield s
            continue
        for child in _child_bodies(s):
            yield from _macro_definitions(child)


def _child_bodies(s: n.Stmt) -> list[n.Body]:
    if isinstance(s, n.If):
        return [b for _, b, _ in s.branches] + ([s.else_body] if s.else_body else [])
    if isinstance(s, n.List):
        return [s.body] + ([s.else_body] if s.else_body else [])
    if isinstance(s, n.Switch):
        return [c.body for c in s.cases]
    if isinstance(s, n.Attempt):
        return [s.body, s.recover]
    if isinstance(s, n.MacroCall):
        return [s.body] if s.body else []
    if isinstance(s, n.Items | n.Sep | n.Compress | n.AssignCapture):
        return [s.body]
    return []


_RUNNER_GLOBALS: dict[str, Any] = {"TemplateError": TemplateError, "_located": _located}
_RUNNER_CODE: dict[tuple[str, ...], CodeType] = {}


def _runner_code(shape: tuple[str, ...]) -> CodeType:
    """The code of a body runner for a sequence of statement kinds ("text", "value",
    "stmt").  It depends on the shape only, so each shape is generated once per process;
    the text, the closures, the spans and the template name arrive as default arguments."""
    cached = _RUNNER_CODE.get(shape)
    if cached is not None:
        return cached
    params = [f"c{i}" for i in range(len(shape))] + ["spans", "name"]
    lines = ["    out = ctx.out", "    k = -1", "    try:"]
    for i, kind in enumerate(shape):
        if kind == "text":
            lines.append(f"        out.append(c{i})")
            continue
        lines.append(f"        k = {i}")
        lines.append(f"        out.append(c{i}(ctx))" if kind == "value" else f"        c{i}(ctx)")
    lines += [
        "    except TemplateError as e:",
        "        if not e.located and k in spans:",
        "            _located(e, name, spans[k])",
        "        raise",
    ]
    source = f"def run(ctx, {', '.join(params)}):\n" + "\n".join(lines) + "\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<ftl body {'/'.join(shape)}>", "exec"), _RUNNER_GLOBALS, namespace)
    code: CodeType = namespace["run"].__code__
    _RUNNER_CODE[shape] = code
    return code


def _generate_runner(items: list[tuple[str, Any, n.Span | None]], name: str) -> Exec:
    """A body's runner (see :meth:`_Compiler.body`): generated Python with every statement
    unrolled; only trusted names go into the source, never template text."""
    shape = tuple(kind for kind, _, _ in items)
    spans = {i: span for i, (kind, _, span) in enumerate(items) if span is not None}
    defaults = (*(obj for _, obj, _ in items), spans, name)
    runner: Exec = FunctionType(_runner_code(shape), _RUNNER_GLOBALS, "run", defaults)
    return runner


def _noop(ctx: Ctx) -> None:
    return None


def _text_exec(text: str) -> Exec:
    def run(ctx: Ctx) -> None:
        ctx.out.append(text)

    return run


def _has_items(seq: Any) -> bool:
    if isinstance(seq, UnboundedRange):
        return True
    return len(seq) > 0


def _innermost_loop(ctx: Ctx) -> LoopState | None:
    if not ctx.loops:
        return None
    # dicts keep insertion order: the innermost loop registered last
    return next(reversed(ctx.loops.values()))


def _resolve_callee(ctx: Ctx, name: str) -> Any:
    if "." not in name:
        return ctx.lookup(name)
    head, *rest = name.split(".")
    v = ctx.lookup(head)
    for part in rest:
        if v is None:
            return None
        if not isinstance(v, Mapping):  # <@t.rue/> with t a boolean: FreeMarker's Dot fails
            raise NonHashError(
                f'For "." left-hand operand: Expected a hash, but this has evaluated to '
                f"{type_description(v)}."
            )
        v = v.get(part)
    return v
