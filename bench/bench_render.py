"""Rendering speed: ftl against Jinja2, json.dumps (the baseline) and FreeMarker on the JVM.

    python -m bench.bench_render            # N = 100, 10,000, 100,000; writes bench/RESULTS.md
    python -m bench.bench_render --large    # adds N = 1,000,000 and peak memory (make bench-large)

Every engine renders the same four workloads from the same data in this one process (the
JVM in a child process), each output is checked against ftl's (byte for byte, or as parsed
JSON for json.dumps), and times are medians of several runs, quoted as ratios to
json.dumps measured alongside.  No timing is asserted anywhere: this prints and records.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ftl

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FREEMARKER_JAR = Path("/usr/share/java/freemarker.jar")

SPECIALS = [
    'quote"d',
    "back\\slash",
    "tab\tbed",
    "ctrl\u0001",
    "</script>",
    "sep\u2028",
    "😀 emoji",
]

WORKLOADS: dict[str, tuple[str, str]] = {
    # name: (FreeMarker template, Jinja2 template with dotted access)
    "default": (
        (ROOT / "examples" / "amplitude-default.ftl").read_text(encoding="utf-8"),
        '{\n   "cohort_name": "{{ input.cohort_name }}",\n   "cohort_id": "{{ input.cohort_id }}",\n'
        '   "in_cohort": {{ "true" if input.in_cohort else "false" }},\n'
        '   "computed_time": "{{ input.computed_time }}",\n'
        '   "message_id": "{{ input.message_id }}",\n   "users": [\n'
        '{% for user in input.users %}   {\n      "user_id": "{{ user.user_id }}"\n'
        "   }{% if not loop.last %},\n{% endif %}{% endfor %}   ]\n}\n",
    ),
    "per_user": (
        '[<#list input.users as user>{"user_id": "${user.user_id}", '
        '"amplitude_${input.cohort_name}_${input.cohort_id}": ${input.in_cohort?c}}<#sep>, </#list>]',
        '[{% for user in input.users %}{"user_id": "{{ user.user_id }}", '
        '"amplitude_{{ input.cohort_name }}_{{ input.cohort_id }}": '
        '{{ "true" if input.in_cohort else "false" }}}{% if not loop.last %}, {% endif %}'
        "{% endfor %}]",
    ),
    "escaped": (
        '[<#list input.users as user>"${user.user_id?json_string}"<#sep>, </#list>]',
        '[{% for user in input.users %}"{{ user.user_id|json_string }}"'
        "{% if not loop.last %}, {% endif %}{% endfor %}]",
    ),
    "general": (
        "[<#list input.users as user><#if user.user_id?has_content>"
        '{"id": "${user.user_id?json_string}", "n": ${user?index?c}}<#else>null</#if>'
        "<#sep>, </#list>]",
        "[{% for user in input.users %}{% if user.user_id %}"
        '{"id": "{{ user.user_id|json_string }}", "n": {{ loop.index0 }}}{% else %}null'
        "{% endif %}{% if not loop.last %}, {% endif %}{% endfor %}]",
    ),
}


def make_update(n: int, special_every: int = 0, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    users = []
    for i in range(n):
        if special_every and i % special_every == special_every - 1:
            uid = f"{SPECIALS[i % len(SPECIALS)]}-{i}"
        elif i % 3 == 0:
            uid = f"user{i}@example.com"
        elif i % 3 == 1:
            uid = f"{rng.getrandbits(128):032x}"
        else:
            uid = str(100000 + 7 * i)
        users.append({"user_id": uid})
    return {
        "cohort_name": "Power Users",
        "cohort_id": "7khm89cz",
        "in_cohort": True,
        "computed_time": "1692206763",
        "message_id": "9baaa88f-9d46-4ee5-a946-be0c6aea0046::enter::0",
        "users": users,
    }


def json_structure(workload: str, update: dict[str, Any]) -> Any:
    """What each workload's payload is, as Python data for json.dumps."""
    users = update["users"]
    if workload == "default":
        return {**update, "users": [{"user_id": u["user_id"]} for u in users]}
    if workload == "per_user":
        key = f"amplitude_{update['cohort_name']}_{update['cohort_id']}"
        return [{"user_id": u["user_id"], key: update["in_cohort"]} for u in users]
    if workload == "escaped":
        return [u["user_id"] for u in users]
    return [{"id": u["user_id"], "n": i} for i, u in enumerate(users)]


def median_ms(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times = []
    result: Any = None
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


# -- FreeMarker on the JVM ---------------------------------------------------------------

_JAVA = r"""
import freemarker.template.*;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.MessageDigest;
import java.util.*;

public class FmBench {
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(++i);
                if (d == 'n') b.append('\n'); else if (d == 't') b.append('\t');
                else if (d == 'r') b.append('\r'); else if (d == 'u') {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16)); i += 4;
                } else b.append(d);
            } else b.append(c);
        }
        return b.toString();
    }
    public static void main(String[] a) throws Exception {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_31);
        cfg.setLocale(Locale.US);
        cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
        String src = new String(Files.readAllBytes(Paths.get(a[0])), StandardCharsets.UTF_8);
        List<String> lines = Files.readAllLines(Paths.get(a[1]), StandardCharsets.UTF_8);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("cohort_name", unescape(lines.get(0)));
        input.put("cohort_id", unescape(lines.get(1)));
        input.put("in_cohort", Boolean.valueOf(lines.get(2)));
        input.put("computed_time", unescape(lines.get(3)));
        input.put("message_id", unescape(lines.get(4)));
        List<Object> users = new ArrayList<>();
        for (int i = 5; i < lines.size(); i++) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("user_id", unescape(lines.get(i)));
            users.add(u);
        }
        input.put("users", users);
        Map<String, Object> root = new HashMap<>();
        root.put("input", input);
        Template t = new Template("t.ftl", new StringReader(src), cfg);
        int runs = Integer.parseInt(a[2]);
        double[] ms = new double[runs];
        String out = null;
        for (int w = 0; w < 3; w++) { StringWriter sw = new StringWriter(); t.process(root, sw); }
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            StringWriter sw = new StringWriter();
            t.process(root, sw);
            out = sw.toString();
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        byte[] h = MessageDigest.getInstance("SHA-256").digest(out.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte x : h) hex.append(String.format("%02x", x));
        System.out.println(ms[runs / 2] + " " + hex);
    }
}
"""


def _escape_line(s: str) -> str:
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) > 0xFFFF or ch in "\u2028\u2029":
            out.append("".join(f"\\u{u:04x}" for u in _utf16(ch)))
        else:
            out.append(ch)
    return "".join(out)


def _utf16(ch: str) -> list[int]:
    b = ch.encode("utf-16-be")
    return [int.from_bytes(b[i : i + 2], "big") for i in range(0, len(b), 2)]


class Jvm:
    """FreeMarker 2.3.31 itself, timed inside its JVM after warm-up."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.ok = bool(shutil.which("javac")) and FREEMARKER_JAR.exists()
        if self.ok:
            (workdir / "FmBench.java").write_text(_JAVA, encoding="utf-8")
            proc = subprocess.run(
                ["javac", "-nowarn", "-cp", str(FREEMARKER_JAR), "-d", str(workdir),
                 str(workdir / "FmBench.java")],
                capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            self.ok = proc.returncode == 0

    def run(self, template: str, update: dict[str, Any], runs: int) -> tuple[float, str] | None:
        if not self.ok:
            return None
        tpl = self.workdir / "t.ftl"
        tpl.write_text(template, encoding="utf-8")
        data = self.workdir / "data.txt"
        head = [update["cohort_name"], update["cohort_id"], str(update["in_cohort"]).lower(),
                update["computed_time"], update["message_id"]]  # fmt: skip
        lines = [_escape_line(x) for x in head] + [
            _escape_line(u["user_id"]) for u in update["users"]
        ]
        data.write_text("\n".join(lines) + "\n", encoding="utf-8")
        proc = subprocess.run(
            ["java", "-Xss16m", "-Xmx4g", "-cp", f"{self.workdir}:{FREEMARKER_JAR}", "FmBench",
             str(tpl), str(data), str(runs)],
            capture_output=True, text=True, timeout=900,
        )  # fmt: skip
        if proc.returncode != 0:
            print(proc.stderr[-2000:], file=sys.stderr)
            return None
        ms, digest = proc.stdout.split()
        return float(ms), digest


# -- the benchmark ---------------------------------------------------------------------


def run_workloads(sizes: list[int], runs: int, jvm: Jvm | None) -> list[dict[str, Any]]:
    import jinja2

    from ftl.builtins.escaping import json_string

    env = jinja2.Environment(autoescape=False, keep_trailing_newline=True)
    env.filters["json_string"] = json_string
    rows = []
    for n in sizes:
        r = runs if n <= 100_000 else max(3, runs // 2)
        for name, (ftl_src, jinja_src) in WORKLOADS.items():
            update = make_update(n, special_every=10 if name == "escaped" else 0)
            data = {"input": update}
            ours = ftl.Template(ftl_src, f"{name}.ftl")
            dotted = env.from_string(jinja_src)
            subscript = env.from_string(jinja_src.replace("user.user_id", "user['user_id']"))
            structure = json_structure(name, update)
            t_json, js = median_ms(lambda s=structure: json.dumps(s), r)  # type: ignore[misc]
            t_ours, out = median_ms(lambda t=ours, d=data: t.render(d), r)  # type: ignore[misc]
            t_dot, out_dot = median_ms(lambda t=dotted, u=update: t.render(input=u), r)  # type: ignore[misc]
            t_sub, out_sub = median_ms(lambda t=subscript, u=update: t.render(input=u), r)  # type: ignore[misc]
            assert out_dot == out and out_sub == out, f"{name}: Jinja2 output differs"
            assert json.loads(out) == json.loads(js), f"{name}: json.dumps structure differs"
            row: dict[str, Any] = {
                "workload": name,
                "n": n,
                "json_ms": t_json,
                "ftl_ms": t_ours,
                "jinja_dotted_ms": t_dot,
                "jinja_subscript_ms": t_sub,
                "bytes": len(out.encode("utf-8")),
            }
            if jvm is not None:
                got = jvm.run(ftl_src, update, r)
                if got is not None:
                    row["jvm_ms"] = got[0]
                    same = got[1] == hashlib.sha256(out.encode("utf-8")).hexdigest()
                    assert same, f"{name}: FreeMarker's output differs from ftl's"
            rows.append(row)
            print(_row_text(row), flush=True)
    return rows


def _row_text(row: dict[str, Any]) -> str:
    j = row["json_ms"]
    jvm = (
        f"{row['jvm_ms']:8.1f} ({row['jvm_ms'] / j:4.2f}x)"
        if "jvm_ms" in row
        else "       -       "
    )
    return (
        f"{row['workload']:9} {row['n']:>9,} | json.dumps {j:8.1f} ms | ftl {row['ftl_ms']:8.1f} "
        f"({row['ftl_ms'] / j:4.2f}x) | jinja2 dotted {row['jinja_dotted_ms']:8.1f} "
        f"({row['jinja_dotted_ms'] / j:4.2f}x) subscript {row['jinja_subscript_ms']:8.1f} "
        f"({row['jinja_subscript_ms'] / j:4.2f}x) | freemarker {jvm}"
    )


def seven_kb_template() -> str:
    block = (
        '  <#if input.in_cohort>\n    "entered_{i}": "${{input.cohort_name?json_string}}",\n'
        '  <#else>\n    "left_{i}": "${{input.cohort_id?json_string}}",\n  </#if>\n'
        '  <#assign count_{i} = input.users?size>\n  "count_{i}": ${{count_{i}?c}},\n'
        '  "users_{i}": [<#list input.users as u>"${{u.user_id?json_string}}"<#sep>, </#list>],\n'
    )
    out = ['<#macro field name value>"${name}": "${value?json_string}"</#macro>\n{\n']
    i = 0
    while sum(map(len, out)) < 7000:
        out.append(block.format(i=i))
        i += 1
    out.append('  <@field name="last" value=input.message_id/>\n}\n')
    return "".join(out)


def compile_times(runs: int = 200) -> dict[str, float]:
    default_src = WORKLOADS["default"][0]
    big = seven_kb_template()
    ftl.Template(default_src)  # builds (or loads) the parser once
    out = {}
    for label, src in (("default", default_src), ("7kb", big)):
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            ftl.Template(src)
            times.append((time.perf_counter() - t0) * 1000)
        out[label] = statistics.median(times)
    out["7kb_chars"] = float(len(big))
    return out


def import_time(runs: int = 7) -> float:
    code = "import time; t=time.perf_counter(); import ftl; print((time.perf_counter()-t)*1000)"
    values = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
        )
        values.append(float(proc.stdout.strip()))
    return statistics.median(values)


def peak_memory(n: int) -> dict[str, float]:
    src = WORKLOADS["default"][0]
    t = ftl.Template(src)
    data = {"input": make_update(n)}
    gc.collect()
    tracemalloc.start()
    out = t.render(data)
    _, peak_render = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = len(out.encode("utf-8"))
    del out
    gc.collect()
    tracemalloc.start()
    biggest = 0
    for chunk in t.stream(data):
        biggest = max(biggest, len(chunk))
    _, peak_stream = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "output_bytes": float(size),
        "render_peak": float(peak_render),
        "stream_peak": float(peak_stream),
        "largest_chunk": float(biggest),
    }


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def write_results(rows: list[dict[str, Any]], comp: dict[str, float], imp: float,
                  mem: dict[str, float] | None, path: Path) -> None:  # fmt: skip
    lines = [
        "# Rendering benchmark results",
        "",
        f"Machine: {machine()}. Generated by `python -m bench.bench_render"
        f"{' --large' if mem else ''}` on {time.strftime('%Y-%m-%d')}.",
        "",
        "Medians over several runs in one process; ratios are to `json.dumps` of the same",
        "payload structure, timed alongside. Every engine's output was checked equal to ftl's",
        "(byte for byte; as parsed JSON for json.dumps; by SHA-256 for FreeMarker on the JVM,",
        "which is timed inside its own JVM after three warm-up renders).",
        "",
        "| workload | users | json.dumps ms | ftl ms (ratio) | Jinja2 dotted ms (ratio) | "
        "Jinja2 subscript ms (ratio) | FreeMarker JVM ms (ratio) | payload bytes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        j = r["json_ms"]
        jvm = f"{r['jvm_ms']:.1f} ({r['jvm_ms'] / j:.2f}x)" if "jvm_ms" in r else "-"
        lines.append(
            f"| {r['workload']} | {r['n']:,} | {j:.1f} | {r['ftl_ms']:.1f} ({r['ftl_ms'] / j:.2f}x) "
            f"| {r['jinja_dotted_ms']:.1f} ({r['jinja_dotted_ms'] / j:.2f}x) "
            f"| {r['jinja_subscript_ms']:.1f} ({r['jinja_subscript_ms'] / j:.2f}x) | {jvm} "
            f"| {r['bytes']:,} |"
        )
    lines += [
        "",
        f"Parse + compile (median of 200): default template {comp['default']:.2f} ms; "
        f"a {int(comp['7kb_chars']):,}-character template {comp['7kb']:.2f} ms. "
        f"`import ftl`: {imp:.1f} ms (median of 7 fresh interpreters).",
    ]
    if mem:
        lines += [
            "",
            f"Peak memory at 1,000,000 users (tracemalloc, default template): output "
            f"{mem['output_bytes'] / 1e6:.1f} MB; `render` peak {mem['render_peak'] / 1e6:.1f} MB "
            f"({mem['render_peak'] / mem['output_bytes']:.2f}x the output); `stream` peak "
            f"{mem['stream_peak'] / 1e6:.2f} MB (largest chunk {mem['largest_chunk'] / 1e3:.0f} kB).",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--large", action="store_true", help="add N = 1,000,000 and peak memory")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-jvm", action="store_true")
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    args = ap.parse_args(argv)
    sizes = [100, 10_000, 100_000] + ([1_000_000] if args.large else [])
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="ftl-bench-") as tmp:
        jvm = None if args.no_jvm else Jvm(Path(tmp))
        if jvm is not None and not jvm.ok:
            print("FreeMarker on the JVM: skipped (needs javac and libfreemarker-java)")
            jvm = None
        rows = run_workloads(sizes, args.runs, jvm)
    comp = compile_times()
    imp = import_time()
    print(f"parse+compile: default {comp['default']:.2f} ms, 7 KB {comp['7kb']:.2f} ms; "
          f"import ftl {imp:.1f} ms")  # fmt: skip
    mem = peak_memory(1_000_000) if args.large else None
    if mem:
        print(f"memory at 1M users: {mem}")
    write_results(rows, comp, imp, mem, Path(args.out))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
