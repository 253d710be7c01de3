"""The sandbox against template injection: known FreeMarker SSTI payloads, adapted to this
engine, plus Python-flavoured attempts.

Every payload either fails with a ``TemplateError`` whose class and message are asserted, or
renders harmlessly where FreeMarker's semantics say so (``h.keys`` on a hash is just a
missing key).  Each one runs under side-effect canaries: a file and an environment variable
holding unique secrets that must never show up in any output or message, the dangerous
functions (``open``, ``os.system``, ``subprocess.Popen``, ``socket.socket``,
``importlib.import_module`` ...) replaced by recorders, and an audit hook that records every
file opened, process started or socket connected while the template parses and renders.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib
import io
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import ftl
from ftl.errors import (
    BuiltInArgumentError,
    InvalidReferenceError,
    MiscTemplateError,
    NonHashError,
    NonStringOrTemplateOutputError,
    SandboxError,
    TemplateSyntaxError,
)

Template = ftl.Template  # resolved now: ftl's lazy attributes go through importlib
Limits = ftl.Limits

NEW = "?new is not available in this sandbox"
API = "?api is not available in this sandbox"
HAS_API = "?has_api is not available in this sandbox"
NO_CLASSES = "is not available: this sandbox exposes no Java classes"
NO_LOADER_INCLUDE = "#include needs a template loader, and none is configured"
NO_LOADER_IMPORT = "#import needs a template loader, and none is configured"
MISSING = "The following has evaluated to null or missing"
NOT_HASH_STR = "Expected a hash, but this has evaluated to a string"
NOT_HASH_SEQ = "Expected a hash, but this has evaluated to a sequence"
NOT_HASH_NUM = "Expected a hash, but this has evaluated to a number"

EXECUTE = '"freemarker.template.utility.Execute"'


@dataclass(frozen=True)
class Fails:
    error: type[ftl.TemplateError]
    message: str
    """A fragment of the first line of the message."""


@dataclass(frozen=True)
class Renders:
    output: str


# (id, template, outcome).  Data: see _data().
PAYLOADS: list[tuple[str, str, Fails | Renders]] = [
    # ?new: FreeMarker's classic remote code execution
    ("execute_new", f'<#assign ex={EXECUTE}?new()>${{ex("id")}}', Fails(SandboxError, NEW)),
    ("execute_new_inline", f'${{{EXECUTE}?new()("cat /etc/passwd")}}', Fails(SandboxError, NEW)),
    (
        "objectconstructor_new",
        '<#assign oc="freemarker.template.utility.ObjectConstructor"?new()>'
        '${oc("java.lang.ProcessBuilder","id").start()}',
        Fails(SandboxError, NEW),
    ),
    (
        "jythonruntime_new",
        '<#assign j="freemarker.template.utility.JythonRuntime"?new()>'
        '<@j>import os;os.system("id")</@j>',
        Fails(SandboxError, NEW),
    ),
    ("new_on_data_value", "${input.cohort_name?new()}", Fails(SandboxError, NEW)),
    # ?api / ?has_api
    ("api_getclass", "${s?api.getClass().getName()}", Fails(SandboxError, API)),
    ("api_classloader", "<#assign cl=h?api.class.getClassLoader()>${cl}", Fails(SandboxError, API)),
    (
        "api_protection_domain",
        "${input?api.class.protectionDomain.codeSource.location}",
        Fails(SandboxError, API),
    ),
    ("has_api", "${s?has_api?c}", Fails(SandboxError, HAS_API)),
    ("has_api_camel_case", "${l?hasApi?c}", Fails(SandboxError, HAS_API)),
    # ?eval / ?interpret of crafted strings: the same sandbox one level down
    (
        "eval_execute",
        f'${{"{EXECUTE.replace(chr(34), chr(39))}?new()(1)"?eval}}',
        Fails(SandboxError, NEW),
    ),
    (
        "eval_statics",
        """${"statics['java.lang.System'].getenv('HOME')"?eval}""",
        Fails(SandboxError, NO_CLASSES),
    ),
    ("eval_dunder", '${"s.__class__"?eval}', Fails(NonHashError, NOT_HASH_STR)),
    ("eval_string_from_data", "${payload?eval}", Fails(NonHashError, NOT_HASH_STR)),
    (
        "interpret_execute",
        """<#assign t=r"<#assign ex='freemarker.template.utility.Execute'?new()>${ex('id')}"?interpret><@t/>""",
        Fails(SandboxError, NEW),
    ),
    (
        "interpret_include",
        """<#assign t="<#include '/etc/passwd'>"?interpret><@t/>""",
        Fails(SandboxError, NO_LOADER_INCLUDE),
    ),
    (
        "interpret_secret_include",
        "<#assign t=\"<#include '${secret_path}'>\"?interpret><@t/>",
        Fails(SandboxError, NO_LOADER_INCLUDE),
    ),
    # statics[...] / objectConstructor / enums: only the Amplitude helper exists
    (
        "statics_system",
        '${statics["java.lang.System"].getenv("HOME")}',
        Fails(SandboxError, NO_CLASSES),
    ),
    (
        "statics_runtime",
        '${statics["java.lang.Runtime"].getRuntime().exec("id")}',
        Fails(SandboxError, NO_CLASSES),
    ),
    (
        "statics_files",
        '${statics["java.nio.file.Files"].readAllLines('
        'statics["java.nio.file.Paths"].get("/etc/passwd"))}',
        Fails(SandboxError, NO_CLASSES),
    ),
    (
        "statics_thread",
        '${statics["java.lang.Thread"].currentThread().getContextClassLoader()}',
        Fails(SandboxError, NO_CLASSES),
    ),
    ("statics_python_module", '${statics["os"].system("id")}', Fails(SandboxError, NO_CLASSES)),
    ("statics_name_from_data", "${statics[payload]}", Fails(SandboxError, NO_CLASSES)),
    (
        "statics_helper_is_not_a_string",
        '${statics["com.amplitude.integrations.connector.utils.FtlUtils"]}',
        Fails(NonStringOrTemplateOutputError, "Expected a string or something"),
    ),
    (
        "objectconstructor_variable",
        '${objectConstructor("java.io.File", "/etc/passwd")}',
        Fails(InvalidReferenceError, MISSING),
    ),
    ("enums_variable", '${enums["java.lang.Thread$State"]}', Fails(InvalidReferenceError, MISSING)),
    # .getClass() / .class
    ("getclass_on_string", "${s.getClass()}", Fails(NonHashError, NOT_HASH_STR)),
    ("getclass_on_hash", "${h.getClass()}", Fails(InvalidReferenceError, MISSING)),
    (
        "class_protection_domain",
        "${h.class.protectionDomain.codeSource.location}",
        Fails(InvalidReferenceError, MISSING),
    ),
    ("class_loader_on_input", "${input.class.classLoader}", Fails(InvalidReferenceError, MISSING)),
    # #include / #import: no loader, so no file at all
    ("include_etc_passwd", '<#include "/etc/passwd">', Fails(SandboxError, NO_LOADER_INCLUDE)),
    ("include_dotdot", '<#include "../../etc/passwd">', Fails(SandboxError, NO_LOADER_INCLUDE)),
    ("include_secret_file", "<#include secret_path>", Fails(SandboxError, NO_LOADER_INCLUDE)),
    (
        "include_parse_false",
        '<#include "../../etc/passwd" parse=false>',
        Fails(SandboxError, NO_LOADER_INCLUDE),
    ),
    (
        "include_proc_environ",
        '<#include "/proc/self/environ">',
        Fails(SandboxError, NO_LOADER_INCLUDE),
    ),
    (
        "include_url",
        '<#include "http://127.0.0.1:1/x.ftl">',
        Fails(SandboxError, NO_LOADER_INCLUDE),
    ),
    (
        "import_dotdot",
        '<#import "../../etc/passwd" as p>${p}',
        Fails(SandboxError, NO_LOADER_IMPORT),
    ),
    ("import_secret_file", "<#import secret_path as p>", Fails(SandboxError, NO_LOADER_IMPORT)),
    # Python-flavoured: dunders are just names that no data value has
    ("dunder_class_on_string", "${s.__class__}", Fails(NonHashError, NOT_HASH_STR)),
    ("dunder_class_subscript", '${s["__class__"]}', Fails(NonHashError, NOT_HASH_STR)),
    ("dunder_class_on_hash", "${h.__class__}", Fails(InvalidReferenceError, MISSING)),
    ("dunder_dict_on_hash", '${h["__dict__"]}', Fails(InvalidReferenceError, MISSING)),
    (
        "dunder_globals_data_model",
        "${.data_model.__globals__}",
        Fails(InvalidReferenceError, MISSING),
    ),
    ("dunder_builtins_top_level", "${__builtins__}", Fails(InvalidReferenceError, MISSING)),
    ("dunder_builtins_globals", "${.globals.__builtins__}", Fails(InvalidReferenceError, MISSING)),
    ("dunder_mro", "${l.__class__.__mro__}", Fails(NonHashError, NOT_HASH_SEQ)),
    (
        "dunder_subclasses",
        "${h.__class__.__base__.__subclasses__()}",
        Fails(InvalidReferenceError, MISSING),
    ),
    ("dunder_init_globals", "${h.__init__.__globals__}", Fails(InvalidReferenceError, MISSING)),
    ("dunder_import", '${__import__("os").system("id")}', Fails(InvalidReferenceError, MISSING)),
    ("dunder_on_number", "${n.__class__}", Fails(NonHashError, NOT_HASH_NUM)),
    (
        "dunder_special_variable",
        "${.__class__}",
        Fails(TemplateSyntaxError, "Unknown special variable name"),
    ),
    (
        "dunder_globals_subscript",
        '${.globals["__builtins__"]}',
        Fails(InvalidReferenceError, MISSING),
    ),
    ("dunder_vars_subscript", '${.vars["__class__"]}', Fails(InvalidReferenceError, MISSING)),
    (
        "dunder_on_macro",
        "<#macro m></#macro>${m.__code__}",
        Fails(NonHashError, "evaluated to a macro"),
    ),
    (
        "dunder_on_function",
        "<#function f></#function>${f.__globals__}",
        Fails(NonHashError, "evaluated to a function"),
    ),
    (
        "dunder_in_lambda",
        '${l?map(x -> x.__class__)?join(",")}',
        Fails(BuiltInArgumentError, "Failed to transform element"),
    ),
    # format-string tricks: text stays text, nothing calls str.format or %
    ("format_string_literal", '${"{0.__class__}"}', Renders("{0.__class__}")),
    ("format_string_from_data", "${fmt}", Renders("{0.__class__.__init__.__globals__}")),
    ("percent_format", '${"%s %r %(x)s"?string}', Renders("%s %r %(x)s")),
    (
        "format_builtin",
        '${"{0.__class__}"?format(s)}',
        Fails(TemplateSyntaxError, 'Unknown built-in: "format"'),
    ),
    # attribute access on data values: str and list methods are not subvariables; a dict's
    # keys/items/get are just keys the hash doesn't have
    ("str_upper", "${s.upper}", Fails(NonHashError, NOT_HASH_STR)),
    ("str_upper_call", "${s.upper()}", Fails(NonHashError, NOT_HASH_STR)),
    ("str_format_method", "${s.format}", Fails(NonHashError, NOT_HASH_STR)),
    ("dict_keys", "${h.keys}", Fails(InvalidReferenceError, MISSING)),
    ("dict_items", "${h.items}", Fails(InvalidReferenceError, MISSING)),
    ("dict_get_call", '${h.get("a")}', Fails(InvalidReferenceError, MISSING)),
    ("dict_keys_default", '${(h.keys)!"missing"}', Renders("missing")),
    ("dict_keys_exists", "${h.keys???c}", Renders("false")),
    ("list_append", "${l.append}", Fails(NonHashError, NOT_HASH_SEQ)),
    ("list_pop_call", "${l.pop()}", Fails(NonHashError, NOT_HASH_SEQ)),
    ("number_real", "${n.real}", Fails(NonHashError, NOT_HASH_NUM)),
    # settings that would loosen FreeMarker's own sandbox are unknown here
    (
        "setting_new_builtin_class_resolver",
        '<#setting new_builtin_class_resolver="unrestricted">ok',
        Fails(TemplateSyntaxError, 'Unknown setting name: "new_builtin_class_resolver"'),
    ),
    (
        "setting_api_builtin_enabled",
        "<#setting api_builtin_enabled=true>ok",
        Fails(TemplateSyntaxError, 'Unknown setting name: "api_builtin_enabled"'),
    ),
    # ?eval_json of hostile JSON
    (
        "eval_json_deep_nesting",
        "${deep?eval_json?size}",
        Fails(MiscTemplateError, 'Failed to "?eval_json"'),
    ),
    (
        "eval_json_unclosed",
        '${"[[[[[[[[[["?eval_json?size}',
        Fails(MiscTemplateError, 'Failed to "?eval_json"'),
    ),
    ("eval_json_huge_exponent_kept", "<#assign x=big?eval_json>ok", Renders("ok")),
    (
        "eval_json_huge_integer",
        '${"123456789012345678901234567890123456789"?eval_json?c}',
        Renders("123456789012345678901234567890123456789"),
    ),
    ("eval_json_tiny_number", '${"-1e-99999999"?eval_json?c}', Renders("-0")),
    (
        "eval_json_dunder_key_is_data",
        """<#assign x='{"__class__": 1}'?eval_json>${x.__class__}""",
        Renders("1"),
    ),
    ("eval_json_nan", '${"NaN"?eval_json}', Fails(MiscTemplateError, "Unexpected NaN")),
]


SECRET_FILE = f"file-canary-{uuid.uuid4().hex}"
SECRET_ENV = f"env-canary-{uuid.uuid4().hex}"
ENV_NAME = "FTL_SANDBOX_CANARY"

# Files the engine may open while it runs: its own code and the standard library, loaded
# lazily on first use (the audit hook sees those module loads).
_CODE_ROOTS = tuple(
    str(Path(p).resolve())
    for p in {sys.prefix, sys.base_prefix, sys.exec_prefix, Path(ftl.__file__).parent}
)
_DANGEROUS_EVENTS = ("subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork")
_DANGEROUS_EVENTS += ("socket.", "urllib.", "http.", "ctypes.", "os.putenv", "os.unsetenv")


@dataclass
class _Recorder:
    active: bool = False
    calls: list[str] = field(default_factory=list)

    def audit(self, event: str, args: tuple[Any, ...]) -> None:
        if not self.active:
            return
        if event == "open":
            path = args[0]
            if isinstance(path, int):
                self.calls.append(f"open(fd {path})")
            elif not str(Path(os.fsdecode(path)).resolve()).startswith(_CODE_ROOTS):
                self.calls.append(f"open({path!r})")
        elif event.startswith(_DANGEROUS_EVENTS):
            self.calls.append(f"{event}{args!r}"[:200])


_RECORDER = _Recorder()
sys.addaudithook(_RECORDER.audit)  # audit hooks cannot be removed; it records only when active


@pytest.fixture(scope="module", autouse=True)
def _warm_engine(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Run every payload once before the canaries go up: the engine loads its grammar (and
    Lark's cache of it) and its built-in modules on first use, which the guard would see.
    That happens once per process; a payload that reached a file or a process would do so
    again on every run, under the guard."""
    decoy = tmp_path_factory.mktemp("warm") / "decoy.ftl"
    decoy.write_text("decoy", "utf-8")
    for _, source, _ in PAYLOADS:
        with contextlib.suppress(ftl.TemplateError):
            Template(source, "warm.ftl").render(_data(decoy))


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.ftl"
    path.write_text(f"{SECRET_FILE}\n", "utf-8")
    return path


@pytest.fixture
def guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Replace the dangerous functions by recorders and switch the audit hook on."""
    calls: list[str] = []
    monkeypatch.setenv(ENV_NAME, SECRET_ENV)

    def recorder(what: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def record(*args: Any, **kwargs: Any) -> Any:
            calls.append(f"{what}{args!r}"[:200])
            return original(*args, **kwargs)

        return record

    targets: list[tuple[Any, str]] = [
        (builtins, "open"),
        (io, "open"),
        (os, "open"),
        (os, "system"),
        (os, "popen"),
        (os, "getenv"),
        (subprocess, "Popen"),
        (subprocess, "run"),
        (socket, "socket"),
        (socket, "create_connection"),
        (importlib, "import_module"),
        (builtins, "eval"),
        (builtins, "exec"),
    ]
    for owner, attr in targets:
        original = getattr(owner, attr)
        monkeypatch.setattr(owner, attr, recorder(f"{owner.__name__}.{attr}", original))
    _RECORDER.calls.clear()
    _RECORDER.active = True
    try:
        yield calls
    finally:
        _RECORDER.active = False
    calls.extend(_RECORDER.calls)


def _data(secret_file: Path) -> dict[str, Any]:
    return {
        "input": {"cohort_name": "c", "cohort_id": "id", "users": [{"user_id": "u"}]},
        "s": "abc",
        "h": {"a": 1},
        "l": [1, 2],
        "n": 3,
        "payload": "s.__class__",
        "fmt": "{0.__class__.__init__.__globals__}",
        "secret_path": str(secret_file),
        "deep": "[" * 100_000 + "]" * 100_000,
        "big": "1e999999999",
    }


def _no_secret_in(text: str) -> None:
    assert SECRET_FILE not in text
    assert SECRET_ENV not in text


def test_there_are_at_least_fifty_payloads() -> None:
    assert len(PAYLOADS) >= 50
    assert len({name for name, _, _ in PAYLOADS}) == len(PAYLOADS)


@pytest.mark.parametrize(
    ("source", "outcome"), [p[1:] for p in PAYLOADS], ids=[p[0] for p in PAYLOADS]
)
def test_payload(
    source: str, outcome: Fails | Renders, secret_file: Path, guard: list[str]
) -> None:
    data = _data(secret_file)
    limits = Limits(timeout=10.0)
    if isinstance(outcome, Renders):
        output = Template(source, "inj.ftl", limits=limits).render(data)
        assert output == outcome.output
        _no_secret_in(output)
    else:
        with pytest.raises(ftl.TemplateError) as info:
            Template(source, "inj.ftl", limits=limits).render(data)
        error = info.value
        assert type(error) is outcome.error, str(error)
        first_line = str(error).splitlines()[0]
        assert outcome.message in first_line
        assert error.name.startswith("inj.ftl")  # ?interpret: "inj.ftl->anonymous_interpreted"
        assert isinstance(error.lineno, int) and error.lineno >= 1
        assert isinstance(error.column, int) and error.column >= 1
        _no_secret_in(str(error))
        _no_secret_in(repr(error.args))
    assert guard == [], f"the render reached outside the sandbox: {guard}"


def test_canaries_are_live(secret_file: Path, guard: list[str]) -> None:
    """The canaries themselves work: reading the secret file, starting a process or opening
    a socket while the guard is on is recorded."""
    assert secret_file.read_text("utf-8").strip() == SECRET_FILE
    assert os.environ[ENV_NAME] == SECRET_ENV
    with socket.socket() as _:
        pass
    assert any("open" in call for call in guard)
    assert any("socket" in call for call in guard)
    guard.clear()


def test_data_model_values_stay_data(secret_file: Path, guard: list[str]) -> None:
    """Python objects smuggled into the data model expose nothing: a function is not
    callable and an object's attributes are not subvariables."""

    class Sneaky:
        secret = SECRET_ENV

        def __str__(self) -> str:
            return "sneaky"

    def leak() -> str:
        return SECRET_FILE

    data = {"obj": Sneaky(), "fn": leak}
    for source in ("${obj.secret}", "${fn()}", "${obj.__class__}", "${fn.__globals__}"):
        with pytest.raises(ftl.TemplateError) as info:
            Template(source, "inj.ftl").render(data)
        _no_secret_in(str(info.value))
    assert guard == []


def test_huge_exponent_fails_fast(secret_file: Path) -> None:
    """A number with a billion-digit plain form is refused before it is built, and
    ?int/?long of it keep Java's low-order bits at once (FreeMarker: 0)."""
    started = time.monotonic()
    with pytest.raises(ftl.ResourceLimitError):
        Template("${big?eval_json?c}", limits=Limits(timeout=2.0)).render(_data(secret_file))
    out = Template("${big?number?int} ${'1e2000000'?number?int}").render(_data(secret_file))
    assert out == "0 0"
    assert time.monotonic() - started < 5
