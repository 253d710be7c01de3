"""Write ``tests/golden/dates.json``: date formatting as FreeMarker 2.3.31 (JDK 17, en_US)
does it, for the unit tests of ``ftl.dateformat``.

Instants x time zones x formats (SimpleDateFormat letters, styles, iso/xs options) for the
three date kinds, rendered by one ``fmref --batch`` run; nothing expected is typed by hand.

    python tools/gen_date_goldens.py [path/to/fmref]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "golden" / "dates.json"

INSTANTS = [
    0,
    -1,
    1,
    999,
    86_399_999,
    -86_400_000 * 365,
    951_782_400_000,
    1_700_000_000_123,
    1_703_980_800_000,
    1_704_067_199_999,
    1_704_067_200_000,
    1_709_164_800_000,
    1_678_604_400_000,
    1_678_607_999_000,
    1_699_164_000_000,
    1_699_171_200_000,
    1_711_846_800_000,
    1_690_000_000_000,
    1_735_689_599_000,
    4_102_444_800_000,
    -2_208_988_800_000,
    253_402_300_799_999,
    1_234_567_890_000,
    1_600_000_000_050,
    -2_208_988_800_001,
    -2_500_000_000_000,
    -12_219_292_800_001,
    -12_219_292_800_000,
    -30_000_000_000_000,
    -62_135_596_800_000,
    -62_198_755_200_000,
]
ZONES = [
    "UTC",
    "GMT",
    "America/New_York",
    "America/Los_Angeles",
    "Europe/Berlin",
    "Europe/London",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
    "America/Sao_Paulo",
    "GMT+02:30",
    "GMT-08:00",
    "Pacific/Auckland",
]
DATETIME_FORMATS = [
    "short",
    "medium",
    "long",
    "full",
    "short_medium",
    "long_short",
    "medium_full",
    "iso",
    "iso_nz",
    "iso_m",
    "iso_h",
    "iso_ms",
    "iso_s",
    "iso_u",
    "iso_fz",
    "iso_m_nz_u",
    "xs",
    "xs_nz",
    "xs_ms",
    "xs_fz",
    "yyyy-MM-dd'T'HH:mm:ss.SSSZ",
    "EEE, d MMM yyyy HH:mm:ss Z",
    "EEEE MMMM d y G",
    "h:mm a K k H",
    "hh 'o''clock' a, zzzz",
    "z Z X XX XXX",
    "D F w W u Y YY",
    "yy y yyy yyyyy M MM MMM MMMMM L LL LLL",
    "d dd ddd E EE EEEE EEEEEE",
    "S SS SSS SSSS",
]
DATE_FORMATS = ["short", "medium", "long", "full", "iso", "xs", "xs_nz", "yyyy-MM-dd EEE"]
TIME_FORMATS = ["short", "medium", "long", "full", "iso", "iso_ms", "xs", "HH:mm:ss.SSS z"]


LOCALES = ["de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR", "en_GB", "ja_JP", "sv_SE",
           "pl_PL", "ru_RU", "zh_CN", "de_CH", "fr_CA", "en_AU", "tr_TR"]  # fmt: skip
LOCALE_ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"]
LOCALE_FORMATS = {
    "datetime": ["short", "medium", "long", "full", "short_full", "full_short",
                 "EEEE EEE MMMM MMM a G", "w W Y u F D", "z zzzz"],
    "date": ["short", "medium", "long", "full"],
    "time": ["short", "medium", "long", "full"],
}  # fmt: skip
LOCALE_INSTANTS = [0, 1_700_000_000_123, 1_703_980_800_000, 1_704_067_200_000,
                   1_690_000_000_000, 1_735_689_599_000, -62_198_755_200_000]  # fmt: skip


def main() -> None:
    fmref = (
        sys.argv[1]
        if len(sys.argv) > 1
        else str(Path(__file__).resolve().parents[2] / "shared" / "tools" / "fmref" / "fmref")
    )
    jobs: dict[str, dict[str, object]] = {}
    for zi, zone in enumerate(ZONES):
        for kind, formats in (
            ("datetime", DATETIME_FORMATS),
            ("date", DATE_FORMATS),
            ("time", TIME_FORMATS),
        ):
            for fi, fmt in enumerate(formats):
                lines = "\n".join(
                    f'${{({ms})?number_to_{kind}?string("{fmt.replace(chr(34), chr(92) + chr(34))}")}}'
                    for ms in INSTANTS
                )
                src = f'<#setting time_zone="{zone}">{lines}\n'
                jobs[f"d_{zi:02d}_{kind}_{fi:02d}"] = {
                    "src": src,
                    "zone": zone,
                    "kind": kind,
                    "format": fmt,
                }
    for li, locale in enumerate(LOCALES):
        for zi, zone in enumerate(LOCALE_ZONES):
            for kind, formats in LOCALE_FORMATS.items():
                for fi, fmt in enumerate(formats):
                    lines = "\n".join(
                        f'${{({ms})?number_to_{kind}?string("{fmt}")}}' for ms in LOCALE_INSTANTS
                    )
                    src = f'<#setting locale="{locale}"><#setting time_zone="{zone}">{lines}\n'
                    jobs[f"l_{li:02d}_{zi}_{kind}_{fi:02d}"] = {
                        "src": src,
                        "zone": zone,
                        "kind": kind,
                        "format": fmt,
                        "locale": locale,
                    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, job in jobs.items():
            (folder / f"{name}.ftl").write_text(str(job["src"]), encoding="utf-8")
        subprocess.run([fmref, "--batch", str(folder)], check=True, capture_output=True)
        cases = []
        for name, job in sorted(jobs.items()):
            out = folder / f"{name}.out"
            if not out.is_file():  # e.g. FreeMarker's own overflow on year 10000 "xs" dates
                err = (folder / f"{name}.err").read_text(encoding="utf-8").strip()
                print(f"skipped {job['format']} ({job['kind']}) in {job['zone']}: {err}")
                continue
            instants = LOCALE_INSTANTS if "locale" in job else INSTANTS
            results = out.read_bytes().decode("utf-8").split("\n")[: len(instants)]
            for ms, expected in zip(instants, results, strict=True):
                cases.append(
                    {
                        "ms": ms,
                        "kind": job["kind"],
                        "zone": job["zone"],
                        "format": job["format"],
                        "locale": job.get("locale", "en_US"),
                        "expected": expected,
                    }
                )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(cases, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(cases)} cases -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
