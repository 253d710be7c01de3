"""Write the built-in conformance cases (``tests/conformance/builtins/<family>/NAME.ftl``).

The cases are listed here, one line each (``name: template``; ``\\n`` in a template is a
newline), so that adding one is a one-line change.  Expected outputs are NOT written here:
run ``fmref --batch tests/conformance/builtins`` (or ``make goldens``) afterwards, which
writes ``NAME.out``/``NAME.err`` from Apache FreeMarker 2.3.31.

    python tools/builtin_cases.py            # (re)writes every case's .ftl
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "tests" / "conformance" / "builtins"

CASES: dict[str, str] = {}

CASES["strings"] = r"""
length_basic: ${s?length}
length_empty: ${empty?length}
length_astral: ${emoji?length}
length_astral_literal: ${"😀"?length}
length_number_error: ${n?length}
length_missing_error: ${nope?length}
upper_basic: ${s?upper_case}
upper_unicode: ${uni?upper_case}
upper_sharp_s: ${"straße"?upper_case}
upper_number: ${n?upper_case}
lower_basic: ${s?lower_case}
lower_unicode: ${"ÀÉÎ İ Σ ΣΑΣ"?lower_case}
lower_bool_error: ${t?lower_case}
cap_first_basic: ${"hello world"?cap_first}
cap_first_space: ${"  hello"?cap_first}
cap_first_empty: [${empty?cap_first}]
cap_first_dz: ${"ǆx"?cap_first}
uncap_first_basic: ${"Hello World"?uncap_first}
uncap_first_space: ${"  HELLO"?uncap_first}
capitalize_basic: ${"hello wORLD foo-bar x.y"?capitalize}
capitalize_spaces: [${"  a  b\tc\nd"?capitalize}]
capitalize_dz: ${"ǆx ǳy"?capitalize}
trim_basic: [${sp?trim}]
trim_control: [${"\x01 a \x02"?trim}]
trim_nbsp: [${"\x00A0a\x00A0\x2003"?trim}]
trim_empty: [${empty?trim}]
left_pad_basic: [${"ab"?left_pad(5)}]
left_pad_filler: [${"ab"?left_pad(6, "xy")}]
left_pad_short: [${"abcdef"?left_pad(3)}]
left_pad_negative: [${"ab"?left_pad(-3)}]
left_pad_empty_filler_error: [${"ab"?left_pad(5, "")}]
left_pad_number_target: [${n?left_pad(5, "0")}]
right_pad_basic: [${"ab"?right_pad(5)}]
right_pad_filler: [${"ab"?right_pad(7, "xyz")}]
right_pad_astral: [${emoji?right_pad(6, "-")}]
left_pad_no_args_error: [${"ab"?left_pad()}]
left_pad_bad_arg_error: [${"ab"?left_pad("x")}]
contains_true: ${s?contains("lo W")?c}
contains_false: ${s?contains("xyz")?c}
contains_empty: ${s?contains("")?c}
contains_number_arg_error: ${s?contains(1)?c}
starts_with_true: ${s?starts_with("Hell")?c}
starts_with_false: ${s?starts_with("hell")?c}
ends_with_true: ${s?ends_with("rld")?c}
ends_with_empty: ${s?ends_with("")?c}
ensure_starts_with_add: ${"example.com"?ensure_starts_with("http://")}
ensure_starts_with_keep: ${"http://x"?ensure_starts_with("http://")}
ensure_starts_with_regex: ${"x.com"?ensure_starts_with("^https?://", "https://")}
ensure_starts_with_regex_keep: ${"http://x.com"?ensure_starts_with("^https?://", "https://")}
ensure_starts_with_flags: ${"HTTP://x"?ensure_starts_with("http://", "http://", "i")}
ensure_ends_with_add: ${"dir"?ensure_ends_with("/")}
ensure_ends_with_keep: ${"dir/"?ensure_ends_with("/")}
remove_beginning_basic: ${"foobar"?remove_beginning("foo")}
remove_beginning_none: ${"foobar"?remove_beginning("bar")}
remove_ending_basic: ${"foobar"?remove_ending("bar")}
remove_ending_empty: ${"foobar"?remove_ending("")}
index_of_basic: ${s?index_of("o")}
index_of_from: ${s?index_of("o", 5)}
index_of_missing: ${s?index_of("z")}
index_of_negative_from: ${s?index_of("H", -5)}
index_of_astral: ${emoji?index_of("b")}
index_of_empty: ${s?index_of("")}
last_index_of_basic: ${s?last_index_of("o")}
last_index_of_from: ${s?last_index_of("o", 5)}
last_index_of_empty: ${s?last_index_of("")}
last_index_of_big_from: ${s?last_index_of("o", 100)}
keep_before_basic: ${"a=b=c"?keep_before("=")}
keep_before_missing: [${"abc"?keep_before("=")}]
keep_before_regex: ${"abc123def"?keep_before("\\d+", "r")}
keep_before_last_basic: ${"a=b=c"?keep_before_last("=")}
keep_before_last_missing: [${"abc"?keep_before_last("=")}]
keep_after_basic: ${"a=b=c"?keep_after("=")}
keep_after_missing: [${"abc"?keep_after("=")}]
keep_after_regex_ci: ${"abcXdef"?keep_after("x", "i")}
keep_after_last_basic: ${"a=b=c"?keep_after_last("=")}
keep_after_last_regex: ${"a1b22c"?keep_after_last("[0-9]+", "r")}
keep_after_empty: [${"abc"?keep_after("")}]
replace_basic: ${"a.b.c"?replace(".", "-")}
replace_regex: ${"a1b22c333"?replace("[0-9]+", "#", "r")}
replace_first: ${"aaa"?replace("a", "b", "f")}
replace_ci: ${"aAa"?replace("a", "x", "i")}
replace_regex_group: ${"john smith"?replace("(\\w+) (\\w+)", "$2, $1", "r")}
replace_empty_pattern: ${"abc"?replace("", "-")}
replace_dollar_literal: ${"a.b"?replace(".", "$1")}
replace_regex_ci_first: ${"xAxa"?replace("a", "_", "rif")}
replace_case_c: ${"aAa"?replace("A", "x", "c")}
replace_multiline: ${"a\nb\nc"?replace("^", ">", "rm")}
replace_dotall: ${"a\nb"?replace("a.b", "X", "rs")}
replace_bad_flag_error: ${"abc"?replace("a", "b", "z")}
replace_bad_regex_error: ${"abc"?replace("(", "b", "r")}
replace_unicode_class: ${"héllo wörld"?replace("\\w+", "W", "r")}
replace_backslash_repl: ${"a.b"?replace("\\.", "\\\\", "r")}
split_basic: <#list "a,b,,c"?split(",") as x>[${x}]</#list>
split_regex: <#list "a1b22c"?split("[0-9]+", "r") as x>[${x}]</#list>
split_trailing: <#list "a,b,"?split(",") as x>[${x}]</#list>
split_empty_string: <#list ""?split(",") as x>[${x}]</#list>${""?split(",")?size}
split_empty_sep: <#list "abc"?split("") as x>[${x}]</#list>
split_ci: <#list "aXbxc"?split("x", "i") as x>[${x}]</#list>
split_leading: <#list ",a"?split(",") as x>[${x}]</#list>
split_size: ${"a b c"?split(" ")?size}
matches_true: ${"abc123"?matches("[a-z]+[0-9]+")?c}
matches_false: ${"abc123x"?matches("[a-z]+[0-9]+")?c}
matches_ci: ${"ABC"?matches("abc", "i")?c}
matches_list: <#list "a1 b2 c3"?matches("([a-z])([0-9])") as m>${m}=${m?groups[1]}/${m?groups[2]};</#list>
matches_groups: <#assign m = "2023-11-14"?matches("(\\d+)-(\\d+)-(\\d+)")>${m?groups[0]}|${m?groups[1]}|${m?groups[3]}
matches_size: ${"aXbXc"?matches("X")?size}
matches_if: <#if "abc"?matches("a.c")>yes<#else>no</#if>
matches_bad_flag_error: ${"abc"?matches("a", "f")?c}
substring_basic: ${"abcdef"?substring(2)}
substring_range: ${"abcdef"?substring(1, 3)}
substring_error: ${"abc"?substring(5)}
slice_range: ${"abcdef"[1..3]}
slice_exclusive: ${"abcdef"[1..<3]}
slice_open: ${"abcdef"[2..]}
slice_length: ${"abcdef"[1..*2]}
slice_out_of_range_error: ${"abc"[1..5]}
index_char: ${"abc"[1]}
word_list_basic: <#list "  a  bb\tccc\n"?word_list as w>[${w}]</#list>
word_list_empty: ${""?word_list?size}
chop_linebreak_n: [${"abc\n"?chop_linebreak}]
chop_linebreak_rn: [${"abc\r\n"?chop_linebreak}]
chop_linebreak_none: [${"abc"?chop_linebreak}]
chop_linebreak_two: [${"abc\n\n"?chop_linebreak}]
truncate_basic: ${"This is a long sentence with words"?truncate(20)}
truncate_short: ${"short"?truncate(20)}
truncate_w: ${"This is a long sentence with words"?truncate_w(20)}
truncate_c: ${"This is a long sentence with words"?truncate_c(20)}
truncate_terminator: ${"This is a long sentence with words"?truncate(20, "…")}
truncate_tiny: [${"abcdefghij"?truncate(2)}]
truncate_zero: [${"abcdefghij"?truncate(0)}]
truncate_term_length: ${"This is a long sentence with words"?truncate(20, "...", 2)}
truncate_negative_error: ${"abc"?truncate(-1)}
truncate_c_m_error: ${"This is a long sentence"?truncate_c_m(10)}
number_int: ${"42"?number + 1}
number_decimal: ${"3.14"?number * 2}
number_exp: ${"1e3"?number}
number_neg: ${"-0.5"?number}
number_plus: ${"+5"?number}
number_spaces: ${" 7 "?number}
number_inf: ${"INF"?number?c} ${"-INF"?number?c} ${"NaN"?number?c}
number_infinity_word: ${"Infinity"?number?c}
number_bad_error: ${"abc"?number}
number_empty_error: ${""?number}
number_hex_error: ${"0x1F"?number}
number_on_number: ${n?number}
number_ts: ${ts?number?c}
boolean_true: ${"true"?boolean?c}
boolean_false: ${"false"?boolean?c}
boolean_upper_error: ${"TRUE"?boolean?c}
boolean_yes_error: ${"yes"?boolean?c}
string_on_string: ${s?string}
eval_json_object: <#assign o = '{"a": [1, 2.5, "x"], "b": true, "c": null}'?eval_json>${o.a[0]} ${o.a[1]} ${o.a[2]} ${o.b?c} ${o.c???c}
eval_json_bad_error: ${'{"a": }'?eval_json}
eval_json_number: ${"12345678901234567890"?eval_json?c}
eval_json_string: ${'"a\\u00e9"'?eval_json}
eval_json_duplicate_keys: <#assign o = '{"a": 1, "a": 2}'?eval_json>${o.a} ${o?keys?size}
eval_json_comment_error: ${'{"a": 1 /* c */}'?eval_json.a}
eval_json_single_quotes_error: ${"{'a': 1}"?eval_json.a}
eval_json_trailing_garbage_error: ${'{"a": 1} x'?eval_json.a}
eval_json_whitespace: ${' \t\n{"a" : [ ] }\r\n'?eval_json.a?size}
eval_json_numbers: <#assign o = '[0, -0, 1.50, 1e2, 1E-2, -1.5e+3, 12345678901234567890123]'?eval_json>${o?map(x -> x?c)?join(",")}
eval_json_leading_zero_error: ${"[01]"?eval_json?size}
eval_json_scalar_root: ${'"x"'?eval_json} ${"true"?eval_json?c} ${"12"?eval_json + 1}
eval_json_null_root: ${("null"?eval_json)!"missing"}
eval_json_lone_surrogate: ${'"\\ud800"'?eval_json?length}
eval_json_control_char_error: ${'"a' + "\x0009" + 'b"'?eval_json}
eval_json_empty_error: ${""?eval_json}
eval_json_nested_types: <#assign o = '{"s": "x", "n": 1, "b": false, "l": [], "h": {}}'?eval_json>${o.s?is_string?c} ${o.n?is_number?c} ${o.b?is_boolean?c} ${o.l?is_sequence?c} ${o.h?is_hash_ex?c}
eval_basic: ${"1 + 2"?eval}
eval_vars: ${"n * 2"?eval}
eval_string: ${"'x' + s"?eval}
interpret_basic: <#assign t = "${'$'}{1 + 1}"?interpret><@t/>
j_string_basic: ${"a\"b'c\\d\ne\x0001"?j_string}
regex_posix_alpha: ${"ab1 cd2"?replace("\\p{Alpha}+", "X", "r")}
regex_named_group: ${"2023-11"?replace("(?<y>\\d+)-(?<m>\\d+)", "${m}/${y}", "r")}
regex_group_zero: ${"abc"?replace("b", "[$0]", "r")}
regex_bad_group_ref_error: ${"abc"?replace("b", "$2", "r")}
regex_escaped_dollar: ${"abc"?replace("b", "\\$", "r")}
regex_end_z: ${"ab\n"?replace("b$", "X", "r")}|${"ab\n"?replace("b\\z", "X", "r")}|${"ab\n"?replace("b\\Z", "X", "r")}
regex_dot_cr: ${"a\rb"?replace("a.b", "X", "r")}|${"a\rb"?replace("a.b", "X", "rs")}
regex_digit_unicode: ${"١٢3"?replace("\\d", "D", "r")}
regex_ci_unicode: ${"ÄÖ äö"?replace("ä", "x", "ri")}
regex_ci_literal_unicode: ${"ÄÖ äö"?replace("ä", "x", "i")}
regex_word_boundary: ${"héllo wörld"?replace("\\b", "|", "r")}
regex_comments_flag: ${"abc"?replace("a b # comment", "X", "rc")}
regex_greedy_lazy: ${"<a><b>"?replace("<.+?>", "T", "r")}
regex_quote_q_e: ${"a.b*c"?replace("\\Q.b*\\E", "X", "r")} ${"1+1=2"?matches("\\Q1+1\\E=\\d")?c}
regex_class_union_intersection: ${"ab9[]x q"?replace("[[a-z][0-9]]+", "_", "r")}|${"abcdef"?replace("[a-z&&[^aeiou]]", "_", "r")}|${"ab12_c"?replace("[\\w&&[^\\d]]+", "_", "r")}|${"ab9[]x"?replace("[]a]", "_", "r")}
regex_possessive: ${"aaa"?replace("a++", "X", "r")}
regex_lookbehind: ${"price: 10"?replace("(?<=: )\\d+", "N", "r")}
split_regex_trailing: <#list "a1b2"?split("[0-9]", "r") as x>[${x}]</#list>
split_regex_zero_width: <#list "abc"?split("", "r") as x>[${x}]</#list>
split_regex_groups: <#list "a1b2c"?split("([0-9])", "r") as x>[${x}]</#list>
split_regex_leading: <#list "1a2b"?split("[0-9]", "r") as x>[${x}]</#list>
split_regex_empty_input: ${""?split(",", "r")?size}
split_astral_empty_sep: ${emoji?split("")?size}
matches_no_match_groups: ${"xyz"?matches("(a)(b)")?groups?size}
matches_partial_list: <#list "a1b2"?matches("[0-9]") as m>${m};</#list>
matches_optional_group: <#list "ab"?matches("(a)(x)?b") as m>[${m?groups[2]}]</#list>
matches_string_of_result: ${"abc"?matches("abc")?string("y", "n")}
matches_multiline: ${"a\nb"?matches("^b$", "m")?size}
keep_after_last_regex_overlap: ${"aaa"?keep_after_last("aa", "r")}
keep_before_last_regex: ${"a1b22c"?keep_before_last("[0-9]+", "r")}
keep_before_flag_error: ${"abc"?keep_before("b", "m")}
ensure_starts_with_regex_partial: ${"xhttp://a"?ensure_starts_with("https?://", "http://")}
index_of_astral_from: ${"😀a😀a"?index_of("a", 3)} ${"😀a😀a"?last_index_of("😀")}
substring_astral: ${"😀ab"?substring(2)}
left_pad_astral_filler: [${"x"?left_pad(5, "😀")}]
right_pad_multi_filler: [${"abc"?right_pad(8, "12")}]
truncate_dots: ${"Hello world... and more text here"?truncate(18)}
truncate_dots_terminator: ${"Hello world... and more text here"?truncate(18, "...")}
truncate_ellipsis_char: ${"Hello world and more text here"?truncate(15, "…")}
truncate_w_short_word: ${"Supercalifragilistic expialidocious"?truncate_w(15)}
truncate_c_exact: ${"abcdefghijklmnop"?truncate_c(10)}
truncate_exact_length: ${"abcdefghij"?truncate(10)}
truncate_m_basic: ${"<b>long text here</b> more more"?truncate_m(12)}
truncate_m_string_terminator: ${"long text here and more"?truncate_m(12, "...")}
truncate_spaces: [${"a         b"?truncate(8)}]
truncate_astral: ${"😀😀😀😀😀😀😀😀😀😀"?truncate(8)}
capitalize_sharp_s: ${"ßa straße"?capitalize}
cap_first_sharp_s: ${"ßa"?cap_first}
upper_dotted_i: ${"i İ ı"?upper_case}|${"I İ"?lower_case}
trim_unicode_spaces: [${"\x2003a\x3000"?trim}]
word_list_nbsp: ${"a\x00A0b c"?word_list?size}
chop_linebreak_cr: [${"abc\r"?chop_linebreak}]
length_combining: ${"e\x0301"?length}
contains_astral: ${emoji?contains("😀")?c}
number_forms: ${"1."?number} ${".5"?number} ${"1e-3"?number} ${"+.5E+2"?number} ${"-0"?number}
number_underscore_error: ${"1_000"?number}
number_arabic_digits: ${"١٢"?number}
number_trailing_dot_scale: ${"1.50"?number?c} ${("1.50"?number * 2)?c}
number_big_exponent: ${"1e400"?number?c}
number_neg_inf_word: ${"-Infinity"?number?c} ${"+INF"?number!"bad"}
boolean_format_parse: <#setting boolean_format="ja,nein">${"ja"?boolean?c} ${"nein"?boolean?c} ${"true"?boolean?c}
eval_json_nested: <#assign o = '{"a": {"b": [1, {"c": "d"}]}}'?eval_json>${o.a.b[1].c} ${o.a.b?size}
eval_json_array_root: ${"[1, 2, 3]"?eval_json?join("-")}
eval_json_nan_error: ${"NaN"?eval_json}
eval_json_trailing_comma_error: ${"[1, 2,]"?eval_json?size}
eval_json_big_decimal: ${"1.10"?eval_json?c} ${"1e2"?eval_json?c}
eval_json_unicode_escape: ${'"\\ud83d\\ude00"'?eval_json?length}
string_number_arg_error: ${"abc"?string("x")}
j_string_unicode: ${"é😀\x007F"?j_string}
""".strip()

CASES["escaping"] = r"""
json_string_basic: ${"plain text"?json_string}
json_string_quotes: ${"a\"b'c\\d"?json_string}
json_string_control: ${ctl?json_string}
json_string_slash: ${"</script> a/b </ x"?json_string}
json_string_gt_start: ${">a>b"?json_string}
json_string_cdata_end: ${"]]>x]>"?json_string}
json_string_u2028: ${"a\x2028b\x2029c"?json_string}
json_string_astral: ${emoji?json_string}
json_string_unicode: ${uni?json_string}
json_string_empty: [${empty?json_string}]
json_string_del: ${"a\x007Fb"?json_string}
json_string_c1: ${"a\x0085b\x009Fc"?json_string}
json_string_number: ${n?json_string}
json_string_cr_ff: ${"a\rb\x000Cc\bd\fe"?json_string}
json_string_lt_only: ${"<b>"?json_string}
json_string_esc_seq: ${"\\u0041"?json_string}
js_string_basic: ${"a\"b'c\\d"?js_string}
js_string_control: ${ctl?js_string}
js_string_slash: ${"</script>"?js_string}
js_string_gt: ${">a>b"?js_string}
js_string_cdata: ${"]]>"?js_string}
js_string_del: ${"a\x007Fb"?js_string}
js_string_u2028: ${"a\x2028b"?js_string}
js_string_astral: ${emoji?js_string}
js_string_lt_excl: ${"<!--"?js_string}
js_string_empty: [${empty?js_string}]
html_basic: ${html?html}
html_apos: ${"it's"?html}
html_unicode: ${uni?html}
html_number: ${n?html}
xhtml_basic: ${html?xhtml}
xml_basic: ${html?xml}
rtf_basic: ${"a{b}c\\d\ne"?rtf}
rtf_unicode: ${"é"?rtf}
url_basic: <#setting url_escaping_charset="UTF-8">${"a b&c=d/é?x"?url}
url_charset: ${"é"?url("ISO-8859-1")}
url_reserved: <#setting url_escaping_charset="UTF-8">${"!*'();:@&=+$,/?#[]~-_.%"?url}
url_astral: <#setting url_escaping_charset="UTF-8">${emoji?url}
url_empty: <#setting url_escaping_charset="UTF-8">[${empty?url}]
url_path_basic: <#setting url_escaping_charset="UTF-8">${"a b/c d/é"?url_path}
url_path_reserved: <#setting url_escaping_charset="UTF-8">${"!*'();:@&=+$,/?#[]~"?url_path}
url_bad_charset_error: ${"é"?url("NOPE-1")}
url_no_charset_error: ${"a b"?url}
url_charset_arg_utf8: ${"a b/é"?url("UTF-8")} ${"a b/é"?url_path("UTF-8")}
url_output_encoding: <#setting output_encoding="UTF-8">${"a b"?url}
url_latin1_unmappable: ${"a€b"?url("ISO-8859-1")}
web_safe_basic: ${"<&>"?web_safe}
c_string_error: ${"abc"?c}
cn_parse_error: ${"abc"?cn}
esc_outside_output_format_error: ${"<"?esc}
no_esc_error: ${"<"?no_esc}
json_string_long: ${"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"?json_string}
json_string_lt_end: ${"a<"?json_string} ${"a<!"?json_string} ${"<?xml"?json_string}
json_string_gt_variants: ${"->"?json_string} ${"-->"?json_string} ${"a-->"?json_string} ${"]>"?json_string} ${"a]>"?json_string}
json_string_slash_start: ${"/a"?json_string} ${"a/"?json_string}
json_string_all_controls: ${"\x0000\x0001\x0007\x000B\x000E\x001B\x001F"?json_string}
json_string_bmp_high: ${"\xFFFF\xFEFF\x2027\x202A"?json_string}
js_string_lt_end: ${"a<"?js_string} ${"<?"?js_string}
js_string_gt_variants: ${"->"?js_string} ${"-->"?js_string} ${"]>"?js_string}
js_string_high_c1: ${"\x0085\x009F\x00A0"?js_string}
js_string_controls: ${"\x0000\x0007\x001F"?js_string}
html_no_escape_needed: ${"plain text"?html}
html_all: ${"<>&\"'"?html} ${"<>&\"'"?xml} ${"<>&\"'"?xhtml}
rtf_all: ${"\\{}"?rtf}
url_space_plus: <#setting url_escaping_charset="UTF-8">${"a+b c"?url} ${"~*'()!"?url}
url_latin1_setting: <#setting url_escaping_charset="ISO-8859-1">${"é ü"?url}
url_path_charset_arg: ${"a/é b"?url_path("ISO-8859-1")}
url_number_target: <#setting url_escaping_charset="UTF-8">${1234.5?url}
json_string_in_payload: {"id": "${ctl?json_string}", "n": ${n?c}}
""".strip()

CASES["numbers"] = r"""
c_int: ${n?c} ${neg?c} ${zero?c}
c_big: ${big?c}
c_decimal: ${dec?c} ${half?c} ${ndec?c}
c_division: ${(1/3)?c}
c_division2: ${(2/3)?c} ${(10/4)?c} ${(1/8)?c}
c_huge_literal: ${12345678901234567890123?c}
c_tiny: ${0.0000000000000000001?c}
c_many_digits: ${1.12345678901234567890?c}
c_exp_literal: ${1E20?c}
c_bool: ${t?c} ${f?c}
c_inf: ${"INF"?number?c} ${"-INF"?number?c}
c_nan_string: ${"NaN"?number?c}
c_neg_zero: ${-0?c} ${(-0.0)?c}
c_sequence_error: ${seq?c}
default_format_int: ${n} ${big} ${neg}
default_format_decimal: ${dec} ${half} ${1234567.891} ${0.0005} ${-0.0005}
default_format_half_even: ${0.0015} ${0.0025} ${0.1235} ${0.1245} ${1.0005}
default_format_division: ${1/3} ${2/3} ${100/3}
setting_computer: <#setting number_format="computer">${1234567.891} ${1/3}
setting_currency: <#setting number_format="currency">${1234.5} ${-1} ${0.005} ${0.015}
setting_percent: <#setting number_format="percent">${0.5} ${-0.123} ${1.005} ${0.125}
setting_pattern_00: <#setting number_format="0.00">${1} ${1.005} ${1.015} ${-0.001} ${123456.789}
setting_pattern_grouping: <#setting number_format="#,##0.0#">${1234567.891} ${0} ${-1.5}
setting_pattern_sci: <#setting number_format="0.###E0">${12345} ${0} ${0.00012345} ${-1.5}
setting_pattern_eng: <#setting number_format="##0.##E0">${12345} ${0} ${0.00012345} ${123456789}
setting_pattern_sci2: <#setting number_format="00.###E0">${12345} ${0} ${0.00012345} ${123456789}
setting_pattern_neg_sub: <#setting number_format="#,##0.00;(#)">${-1234.5}|${1234.5}
setting_pattern_quote: <#setting number_format="0.00 'pct' '' x">${1.5}
setting_pattern_pct: <#setting number_format="0.##%">${0.12345}
setting_pattern_hash_dot: <#setting number_format="#.##">${0.5}|${0}|${1.005}|${-0.001}
setting_pattern_dot_hash: <#setting number_format=".##">${0.5}|${0}|${1}|${12.345}
setting_pattern_grouping2: <#setting number_format="#,##,###">${1234567}
setting_pattern_halfup: <#setting number_format="0.0#;; roundingMode=halfUp">${0.125} ${0.135}
setting_pattern_literal: <#setting number_format="integer">${1234.5}
setting_pattern_permille: <#setting number_format="#,##0‰">${0.1234}
setting_pattern_currency_sign: <#setting number_format="¤#,##0.00">${12.5}
setting_pattern_int_only: <#setting number_format="0">${2.5} ${3.5} ${-2.5}
setting_pattern_min_int: <#setting number_format="000.0">${1.25} ${12345.75}
setting_pattern_always_dot: <#setting number_format="0.">${1.5}
setting_pattern_bad_error: <#setting number_format="0.0.0">${1}
setting_locale_de: <#setting locale="de_DE">${1234567.891}
string_pattern: ${1234.5?string("0.00")} ${1234.5?string("#,##0")}
string_computer: ${(1/3)?string.computer}
string_currency: ${1234.5?string.currency}
string_percent: ${0.256?string.percent}
string_number: ${1234.5678?string.number}
string_default: ${1234.5678?string}
string_pattern_sci: ${123456?string("0.0E0")}
string_bad_pattern_error: ${1?string("0.0.0")}
round_basic: ${2.5?round} ${3.5?round} ${-2.5?round} ${-2.6?round} ${2.4?round}
floor_basic: ${2.5?floor} ${-2.5?floor} ${3?floor}
ceiling_basic: ${2.1?ceiling} ${-2.1?ceiling} ${3?ceiling}
abs_basic: ${neg?abs} ${ndec?abs} ${n?abs} ${zero?abs}
int_basic: ${2.9?int} ${-2.9?int} ${n?int}
int_big: ${12345678901.9?int}
is_infinite_basic: ${"INF"?number?is_infinite?c}
is_infinite_false: ${n?is_infinite?c}
is_nan_basic: ${"NaN"?number?is_nan?c} ${n?is_nan?c}
lower_abc_basic: ${1?lower_abc} ${26?lower_abc} ${27?lower_abc} ${702?lower_abc} ${703?lower_abc}
upper_abc_basic: ${1?upper_abc} ${28?upper_abc}
lower_abc_zero_error: ${0?lower_abc}
roman_parse_error: ${5?roman}
number_to_datetime_basic: ${1700000000123?number_to_datetime}
number_to_date_basic: ${1700000000123?number_to_date}
number_to_time_basic: ${1700000000123?number_to_time}
number_to_datetime_seconds: ${ts?number?number_to_datetime}
number_to_datetime_ms: ${(ts?number * 1000)?number_to_datetime?string.iso}
number_to_datetime_negative: ${(-1)?number_to_datetime?string.iso}
number_to_datetime_decimal: ${1.9?number_to_datetime?string.iso}
long_basic: ${2.9?long} ${big?long}
double_basic: ${1?double} ${(1/3)?double}
float_basic: ${(1/3)?float}
short_byte: ${300?short} ${300?byte}
arith_mod: ${7.5 % 2} ${-7 % 3} ${7 % -3} ${10 % 3.9}
arith_mod_zero_error: ${1 % 0}
arith_div_zero_error: ${1 / 0}
arith_mul_scale: ${(1.5*1.5)?c} ${(0.1*0.1*0.1*0.1*0.1*0.1*0.1)?c} ${(1.0000001*1.0000001)?c}
arith_div_scale: ${(1/3*3)?c} ${(1.00/3)?c} ${(1/3.00000000000000)?c}
arith_add: ${(0.1 + 0.2)?c} ${(n + 0.5)?c} ${(big + 1)?c}
arith_neg: ${(-n)?c} ${(-dec)?c} ${-(-1)}
arith_compare: ${(1 == 1.0)?c} ${(0.1 + 0.2 == 0.3)?c} ${(2 > 10)?c} ${(n < 100)?c}
arith_compare_inf: ${("INF"?number > 1000)?c} ${("-INF"?number < big)?c}
arith_string_plus: ${"a" + 1} ${1 + "a"}
arith_number_plus_bool_error: ${1 + t}
arith_big_mult: ${(99999999999 * 99999999999)?c}
arith_string_minus_error: ${"5" - 1}
double_c: ${(1/3)?double?c} ${0.1?double?c} ${100?double?c} ${1e-7?double?c}
double_big_c: ${"1e21"?number?double?c} ${"1e16"?number?double?c} ${"123456789012345678"?number?double?c}
double_format_number: ${(2/3)?double} ${"1e20"?number?double} ${0.0005?double} ${-0.0004?double}
double_ties_pattern: ${0.125?double?string("0.00")} ${1.005?double?string("0.00")} ${0.015?double?string("0.00")} ${2.675?double?string("0.00")}
double_ties_default: ${0.0005?double} ${0.0015?double} ${1.0005?double} ${2.5?double?string("0")} ${3.5?double?string("0")}
double_round: ${2.5?double?round} ${-2.5?double?round} ${0.49999999999999994?double?round}
double_int: ${"1e10"?number?double?int} ${(-2.5)?double?int}
double_negative_zero: ${(0?double * -1)?c} ${(0?double * -1)} ${(-0.0)?double?c}
float_c: ${(1/3)?float?c} ${0.1?float?c} ${16777217?float?c}
float_round: ${2.5?float?round}
c_decimal_17_digits: ${0.12345678901234567890?c} ${123456789.123456789123456789?c}
c_decimal_half_even: ${0.00000000000000005?c} ${0.00000000000000015?c} ${0.00000000000000025?c}
c_decimal_scale: ${1.000?c} ${100.00?c} ${1E3?c}
c_long_min: ${-9223372036854775808?c}
number_format_grouping_decimal: ${1234567.891234} ${-1234.5} ${0.5} ${999999.9995}
setting_number_format_c: <#setting number_format="c">${1234.5} ${1/3}
setting_currency_big: <#setting number_format="currency">${1234567.891} ${-0.001}
setting_percent_small: <#setting number_format="percent">${0.001} ${-0.005} ${0.995} ${1/3}
setting_pattern_exp_neg: <#setting number_format="0.00E00">${0.000123} ${-123456} ${0}
setting_pattern_exp_hash: <#setting number_format="#.##E0">${12345} ${0.5}
setting_pattern_many_zeros: <#setting number_format="0000">${7} ${-7} ${12345}
setting_pattern_suffix_literal: <#setting number_format="#,##0' units'">${1234}
setting_pattern_neg_prefix_only: <#setting number_format="0.0;minus 0.0">${-1.5} ${1.5}
setting_pattern_halfdown: <#setting number_format="0.0;; roundingMode=halfDown">${0.25} ${0.35} ${0.251}
setting_pattern_ceiling: <#setting number_format="0;; roundingMode=ceiling">${1.1} ${-1.1}
setting_pattern_floor: <#setting number_format="0;; roundingMode=floor">${1.9} ${-1.1}
setting_pattern_up_down: <#setting number_format="0;; roundingMode=up">${1.1} ${-1.1} <#setting number_format="0;; roundingMode=down">${1.9} ${-1.9}
setting_pattern_unnecessary_error: <#setting number_format="0;; roundingMode=unnecessary">${1.5}
setting_pattern_separators: <#setting number_format="#,##0.00;; decimalSeparator=',' groupingSeparator='.'">${1234567.891}
setting_pattern_multiplier: <#setting number_format="0.#;; multiplier=1000">${1.2345}
setting_pattern_bad_option_error: <#setting number_format="0;; nope=1">${1}
setting_locale_fr: <#setting locale="fr_FR">${1234567.891}
setting_locales_numbers: <#list ["de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR", "en_GB", "ja_JP", "de_AT", "fr_CA", "en_AU"] as l><#setting locale=l>${l}|${1234567.891}|${(-0.5)?string.percent}|${1234.5?string.currency}|${(-1234.5)?string.currency}|${0.125?string("0.00")}<#sep>;</#list>
setting_locale_de_currency: <#setting locale="de_DE"><#setting number_format="currency">${1234.5}
string_pattern_percent_literal: ${0.5?string("0'%'")} ${0.5?string("0%")}
string_pattern_grouping_fraction: ${1234567.5?string(",##0.0")}
string_pattern_only_hash: ${0?string("#")}|${0.4?string("#")}|${5?string("#")}
string_pattern_quote_only: ${5?string("'#'0")}
string_variants: ${1234.5?string.number} ${1234.5?string.computer} ${0.25?string.percent} ${1?string.currency}
string_variant_unknown_number: ${1?string.foo} ${1234.5?string.short}
string_variant_unknown_date_error: ${1700000000123?number_to_datetime?string.foo}
string_variant_chain: ${1234.5?string.currency?length} ${(1700000000123?number_to_datetime?string.iso)?upper_case}
round_decimal_big: ${12345678901234567.5?round} ${-0.5?round} ${0.5?round}
floor_ceiling_neg_zero: ${-0.5?ceiling} ${0.5?floor}
abs_long_min: ${(-9223372036854775808)?abs}
int_overflow: ${2147483648?int} ${-2147483649?int} ${9223372036854775808?long}
lower_abc_big: ${18278?lower_abc} ${18279?lower_abc} ${475254?upper_abc}
lower_abc_decimal_error: ${1.5?lower_abc}
number_to_datetime_float: ${1700000000000.5?number_to_datetime?long?c} ${(1700000000000.5?double)?number_to_datetime?long?c}
arith_scale_add: ${(1.10 + 2.205)?c} ${(1.10 + 2.205)}
arith_div_neg: ${(-1/3)?c} ${(1/-3)?c} ${(-2/3)?c}
arith_div_big: ${(12345678901234567890/7)?c}
arith_div_scale_operand: ${(1.00000000000000/3)?c} ${(10/0.0001)?c}
arith_mul_round_halfup: ${(0.0000005 * 0.000001)?c} ${(0.0000015 * 0.000001)?c} ${(-0.0000015 * 0.000001)?c}
arith_mod_decimal: ${(-7.9 % 2)?c} ${(7 % 2.9)?c} ${(9223372036854775807 % 10)?c}
arith_mod_double: ${(7.5?double % 2)?c}
arith_compare_mixed: ${(1?double == 1)?c} ${(0.1?double == 0.1)?c} ${(1/3 == (1/3)?double)?c}
arith_compare_nan_error: ${("NaN"?number > 1)?c}
arith_nan_equal: ${("NaN"?number == "NaN"?number)?c}
arith_inf_plus_error: ${("INF"?number + 1)?c}
arith_double_plus: ${(0.1?double + 0.2?double)?c}
arith_unary_minus_double: ${(-(0.1?double))?c}
arith_increment_big: ${(9223372036854775807 + 1)?c}
is_nan_decimal: ${1.5?is_nan?c} ${1.5?is_infinite?c}
c_inf_double_string: ${"INF"?number?string} ${"-INF"?number} ${"NaN"?number}
c_percent_inf: <#setting number_format="percent">${"INF"?number} ${"NaN"?number}
""".strip()

CASES["booleans"] = r"""
c_true: ${t?c}
c_false: ${f?c}
string_default_error: ${t?string}
string_args: ${t?string("yes", "no")} ${f?string("yes", "no")}
string_one_arg_error: ${t?string("yes")}
then_true: ${t?then("a", "b")}
then_false: ${f?then("a", "b")}
then_lazy: ${t?then("ok", nope)}
then_lazy_false: ${f?then(nope, "ok")}
then_numbers: ${t?then(1, 2) + 1}
then_non_boolean_error: ${s?then("a", "b")}
then_one_arg_error: ${t?then("a")}
interpolate_error: ${t}
boolean_format_setting: <#setting boolean_format="Y,N">${t} ${f} ${t?string}
boolean_format_c: <#setting boolean_format="c">${t} ${f}
not_operator: ${(!t)?c}
string_on_bool_var: ${(1 < 2)?string("lt", "ge")}
is_boolean_check: ${t?is_boolean?c} ${s?is_boolean?c}
boolean_to_string_plus_error: ${"x" + t}
then_missing_target_error: ${nope?then(1, 2)}
then_nested: ${t?then(f?then("a", "b"), "c")}
then_on_comparison: ${(n > 40)?then("big", "small")}
then_on_matches: ${"abc"?matches("a.c")?then("y", "n")}
string_args_numbers_error: ${t?string(1, 2)}
c_on_comparison: ${(n == 42)?c}
boolean_format_interp_bad_error: <#setting boolean_format="yes">${t}
boolean_string_format_setting: <#setting boolean_format="on,off">${t?string} ${f?string}
""".strip()

CASES["sequences"] = r"""
size_basic: ${seq?size} ${eseq?size}
size_hash: ${h?size} ${eh?size}
size_string_error: ${s?size}
first_basic: ${seq?first}
first_empty_error: ${eseq?first}
last_basic: ${seq?last}
last_empty_error: ${eseq?last}
join_basic: ${seq?join(", ")}
join_empty_seq: [${eseq?join(", ")}]
join_empty_arg: [${eseq?join(", ", "none")}]
join_suffix: ${seq?join(", ", "none", ".")}
join_suffix_empty: ${eseq?join(", ", "none", ".")}
join_numbers_format: ${[1234.5, 0.125, 1000000]?join("|")}
join_numbers_setting: <#setting number_format="0.00">${[1, 2.5]?join("|")}
join_mixed: ${mixed?join("/")}
join_bool_error: ${[true, false]?join(",")}
join_nested_error: ${nested?join(",")}
join_no_arg_error: ${seq?join()}
join_strings: ${strs?join("")}
join_missing_item: ${[1, nope!, 3]?join(",")}
reverse_basic: ${seq?reverse?join(",")}
reverse_empty: ${eseq?reverse?size}
sort_numbers: ${seq?sort?join(",")}
sort_strings: ${strs?sort?join(",")}
sort_strings_collation: ${["b", "a", "B", "C", "á", "A", "_x", "1", "Z", "z"]?sort?join(",")}
sort_mixed_error: ${mixed?sort?join(",")}
sort_empty: ${eseq?sort?size}
sort_decimals: ${[2.5, -1, 10, 0.1]?sort?join(",")}
sort_by_basic: <#list users?sort_by("name") as u>${u.name} </#list>
sort_by_number: <#list users?sort_by("age") as u>${u.name} </#list>
sort_by_nested: <#list users?sort_by(["addr", "city"]) as u>${u.name} </#list>
sort_by_missing_key_error: <#list users?sort_by("nope") as u>${u.name} </#list>
sort_by_reverse: <#list users?sort_by("age")?reverse as u>${u.name} </#list>
seq_contains_basic: ${seq?seq_contains(2)?c} ${seq?seq_contains(5)?c} ${strs?seq_contains("a")?c}
seq_contains_type_mismatch: ${seq?seq_contains("2")?c}
seq_contains_decimal: ${[1, 2.0]?seq_contains(2)?c}
seq_index_of_basic: ${strs?seq_index_of("C")} ${strs?seq_index_of("z")}
seq_index_of_from: ${[1, 2, 1, 2]?seq_index_of(2, 2)}
seq_last_index_of_basic: ${[1, 2, 1, 2]?seq_last_index_of(1)}
seq_last_index_of_from: ${[1, 2, 1, 2]?seq_last_index_of(2, 2)}
chunk_basic: <#list [1,2,3,4,5]?chunk(2) as c>[${c?join(",")}]</#list>
chunk_fill: <#list [1,2,3,4,5]?chunk(2, 0) as c>[${c?join(",")}]</#list>
chunk_zero_error: ${[1,2]?chunk(0)?size}
min_max: ${seq?min} ${seq?max}
min_max_empty: [${eseq?min!"none"}]
min_max_strings_error: ${strs?min}
min_max_decimal: ${[2.5, -1, 10]?min} ${[2.5, -1, 10]?max}
filter_lambda: ${seq?filter(x -> x > 1)?join(",")}
filter_empty: ${seq?filter(x -> x > 10)?size}
filter_function: <#function big x><#return x gt 1></#function>${seq?filter(big)?join(",")}
filter_non_boolean_error: ${seq?filter(x -> x)?join(",")}
map_lambda: ${seq?map(x -> x * 10)?join(",")}
map_users: ${users?map(u -> u.name)?join(",")}
map_function: <#function dbl x><#return x * 2></#function>${seq?map(dbl)?join(",")}
map_then_filter: ${users?filter(u -> u.age > 26)?map(u -> u.name?upper_case)?join(",")}
take_while_basic: ${[1,2,3,1]?take_while(x -> x < 3)?join(",")}
drop_while_basic: ${[1,2,3,1]?drop_while(x -> x < 3)?join(",")}
take_while_all: ${seq?take_while(x -> true)?size}
drop_while_all: ${seq?drop_while(x -> true)?size}
filter_on_string_error: ${s?filter(x -> true)}
sequence_basic: ${seq?sequence?size}
list_index_built_ins: <#list strs as x>${x?index}${x?counter}${x?is_first?c}${x?is_last?c}${x?has_next?c};</#list>
first_of_string_error: ${s?first}
seq_contains_mixed: ${mixed?seq_contains("two")?c}
join_huge_number: ${[12345678901234567890]?join(",")}
size_nested: ${nested?size} ${nested[0]?size}
sort_by_mixed_error: <#list [{"k": 1}, {"k": "a"}]?sort_by("k") as u>${u.k}</#list>
sort_unicode: ${["ö", "o", "p", "é", "e", "f"]?sort?join(",")}
sort_case_equal: ${["a", "A", "a", "A"]?sort?join(",")}
min_mixed_types_error: ${[1, "a"]?min}
sort_strings_punct_digits: ${["b b", "a-b", "ab", "a b", "10", "9", "_", " ", "A"]?sort?join("|")}
sort_strings_accents_case: ${["Émile", "emile", "Emile", "émile", "eMile"]?sort?join(",")}
sort_strings_german: ${["Zebra", "Äpfel", "apfel", "Apfel", "zoo"]?sort?join(",")}
sort_by_dates: <#list [{"d": 2?number_to_date, "n": "b"}, {"d": 1?number_to_date, "n": "a"}]?sort_by("d") as x>${x.n}</#list>
sort_by_not_hash_error: ${[1, 2]?sort_by("x")?size}
sort_by_nested_not_hash_error: <#list users?sort_by(["name", "x"]) as u>${u.name}</#list>
sort_booleans: ${[true, false, true]?sort?map(b -> b?c)?join(",")}
sort_stable_equal_keys: <#list [{"k": 1, "n": "a"}, {"k": 0, "n": "b"}, {"k": 1, "n": "c"}, {"k": 0, "n": "d"}]?sort_by("k") as x>${x.n}</#list>
sort_first_bad_error: ${[[1], [2]]?sort?size}
seq_index_of_decimal: ${[1, 2.0, 3]?seq_index_of(2)} ${[1.50]?seq_index_of(1.5)}
seq_index_of_negative_from: ${[1, 2, 1]?seq_index_of(1, -5)} ${[1, 2, 1]?seq_last_index_of(1, -1)} ${[1, 2, 1]?seq_last_index_of(1, 10)}
seq_contains_date: ${[1?number_to_date]?seq_contains(1?number_to_date)?c}
seq_contains_bool: ${[true]?seq_contains(true)?c} ${[true]?seq_contains("true")?c}
chunk_exact_fill: <#list [1,2,3,4]?chunk(2, 0) as c>[${c?join(",")}]</#list>
chunk_bigger: <#list [1,2]?chunk(5, "-") as c>[${c?join(",")}]</#list>
join_dates_numbers_setting: <#setting number_format="0.0">${[1, 2.25]?join(";")}
join_computer_setting: <#setting number_format="computer">${[1234567.5, 1/3]?join(";")}
join_bool_format: <#setting boolean_format="Y,N">${[true, false]?join(",")}
join_hash_error: ${[{"a": 1}]?join(",")}
first_hash_error: ${h?first}
reverse_string_error: ${s?reverse}
map_to_missing: ${[1, 2]?map(x -> nope!x)?join(",")}
map_index_access: ${users?map(u -> u.addr.city)?join(",")}
map_lambda_error: ${[1, "a"]?map(x -> x * 2)?join(",")}
filter_function_non_boolean_error: <#function f x><#return x></#function>${[1]?filter(f)?size}
filter_strings: ${strs?filter(x -> x?upper_case == x)?join(",")}
filter_chained_size: ${users?filter(u -> u.age >= 30)?size}
take_while_empty: ${eseq?take_while(x -> true)?size}
drop_while_none: ${seq?drop_while(x -> false)?join(",")}
min_max_mixed_numbers: ${[2.5, 3, 1?double]?min} ${[2.5, 3, 10?double]?max}
min_max_with_missing: ${[3, nope!, 1]?min!"m"}
min_max_booleans_error: ${[true, false]?min?c}
size_of_map_result: ${seq?map(x -> x)?size}
join_empty_string_items: [${["", "a", ""]?join(",")}]
join_three_args_nonempty: ${[1]?join(", ", "E", "!")}
sequence_of_string_error: ${s?sequence}
list_range_built_ins: ${(1..5)?join(",")} ${(1..5)?reverse?join(",")} ${(5..1)?size} ${(1..<1)?size}
range_sum_filter: ${(1..10)?filter(i -> i % 3 == 0)?join(",")}
""".strip()

CASES["hashes"] = r"""
keys_order: ${h?keys?join(",")}
values_order: ${h?values?join(",")}
keys_empty: ${eh?keys?size}
keys_literal: ${{"z": 1, "y": 2, "x": 3}?keys?join(",")}
values_literal: ${{"z": 1, "y": 2}?values?join(",")}
keys_string_error: ${s?keys}
keys_sequence_error: ${seq?keys}
size_literal: ${{"a": 1, "b": 2}?size}
keys_nested: ${users[0]?keys?join(",")}
values_nested_error: ${users[0]?values?join(",")}
keys_list: <#list h?keys as k>${k}=${h[k]};</#list>
hash_concat_keys: ${(h + {"d": 4, "a": 9})?keys?join(",")} ${(h + {"a": 9}).a}
keys_sort: ${h?keys?sort?join(",")}
keys_duplicate_literal: ${{"a": 1, "b": 2, "a": 3}?keys?join(",")} ${{"a": 1, "b": 2, "a": 3}.a}
values_mixed: ${{"a": 1, "b": "x", "c": 2.5}?values?join("|")}
keys_number_error: ${n?keys}
keys_of_map_result: ${users?map(u -> u.name)?join(",")}
hash_size_nested: ${users[0].addr?size}
keys_unicode: ${{"ä": 1, "😀": 2}?keys?join(",")}
keys_has_content: ${eh?keys?has_content?c}
""".strip()

CASES["existence"] = r"""
default_missing: ${nope!"dflt"}
default_builtin: ${nope?default("dflt")}
default_present: ${s?default("dflt")}
default_null: ${nul?default("was null")}
default_chain: ${nope?default(nope2!, "third")}
default_empty_string: [${empty?default("x")}]
default_nested_missing: ${(nope.deeper)!"deep default"}
default_nested_builtin: ${nope.deeper?default("x")}
exists_true: ${s?exists?c}
exists_false: ${nope?exists?c}
exists_null: ${nul?exists?c}
exists_op: ${(nope??)?c} ${s??}
has_content_string: ${s?has_content?c} ${empty?has_content?c}
has_content_seq: ${seq?has_content?c} ${eseq?has_content?c}
has_content_hash: ${h?has_content?c} ${eh?has_content?c}
has_content_missing: ${nope?has_content?c} ${nul?has_content?c}
has_content_number: ${zero?has_content?c}
has_content_bool: ${f?has_content?c}
if_exists_missing: [${nope?if_exists}]
if_exists_present: ${s?if_exists}
missing_error: ${nope}
missing_nested_error: ${h.nope.x}
default_no_arg_error: ${nope?default}
default_op_no_value: [${nope!}]
default_then_builtin: ${(nope!"abc")?upper_case}
has_content_nested_missing: ${nope.x?has_content?c}
default_multiple_args: ${nope?default(nope2!, "x")}|${nope?default(nope2, "y")}
has_content_zero_false: ${"0"?has_content?c} ${0?has_content?c} ${false?has_content?c}
has_content_spaces: ${" "?has_content?c}
has_content_nested_list: ${[[]]?has_content?c} ${[nope!]?has_content?c}
exists_on_default: ${(nope!"x")?exists?c}
if_exists_size: ${nope?if_exists?size!"err"}
default_on_false: ${f?default(true)?c}
default_lazy_missing_hash: ${(h.zz)!"none"} ${h.zz?default("none2")}
exists_hash_key: ${h.a?exists?c} ${h.zz?exists?c}
has_content_hash_key: ${h.a?has_content?c} ${h.zz?has_content?c}
""".strip()

CASES["types"] = r"""
is_string: ${s?is_string?c} ${n?is_string?c}
is_number: ${n?is_number?c} ${dec?is_number?c} ${s?is_number?c}
is_boolean: ${t?is_boolean?c} ${"true"?is_boolean?c}
is_sequence: ${seq?is_sequence?c} ${h?is_sequence?c} ${s?is_sequence?c}
is_hash: ${h?is_hash?c} ${seq?is_hash?c}
is_hash_ex: ${h?is_hash_ex?c} ${seq?is_hash_ex?c}
is_collection: ${seq?is_collection?c} ${h?is_collection?c}
is_enumerable: ${seq?is_enumerable?c} ${h?is_enumerable?c} ${s?is_enumerable?c}
is_indexable: ${seq?is_indexable?c}
is_macro: <#macro m>x</#macro>${m?is_macro?c} ${s?is_macro?c}
is_directive: <#macro m>x</#macro>${m?is_directive?c} ${s?is_directive?c}
is_method: ${s?is_method?c}
is_function: <#function fn>x<#return 1></#function>${fn?is_macro?c} ${fn?is_directive?c}
is_date_like: ${(1?number_to_datetime)?is_date_like?c} ${s?is_date_like?c}
is_date_only: ${(1?number_to_date)?is_date_only?c} ${(1?number_to_datetime)?is_date_only?c}
is_datetime: ${(1?number_to_datetime)?is_datetime?c}
is_time: ${(1?number_to_time)?is_time?c}
is_unknown_date_like: ${(1?number_to_datetime)?is_unknown_date_like?c}
is_missing_error: ${nope?is_string?c}
is_string_literal_list: ${["a"]?is_string?c} ${["a"][0]?is_string?c}
is_number_string_digit: ${"1"?is_number?c}
is_boolean_missing_default: ${(nope!false)?is_boolean?c}
is_markup_output: ${s?is_markup_output?c}
is_node: ${s?is_node?c}
is_transform: ${s?is_transform?c}
is_date_alias: ${(1?number_to_datetime)?is_date?c}
is_collection_ex: ${seq?is_collection_ex?c}
switch_basic: ${2?switch(1, "one", 2, "two", "other")}
switch_default: ${5?switch(1, "one", 2, "two", "other")}
switch_no_default_error: ${5?switch(1, "one", 2, "two")}
switch_strings: ${"b"?switch("a", 1, "b", 2)}
switch_lazy: ${1?switch(1, "ok", 2, nope)}
switch_bool_cases: ${true?switch(n > 40, "big", "small")}
switch_type_mismatch: ${1?switch("1", "string", 1, "number")}
switch_decimal_equal: ${1.0?switch(1, "one", "other")}
switch_first_match: ${1?switch(1, "a", 1, "b")}
switch_string_case: ${"A"?switch("a", 1, "A", 2, 3)}
switch_date_cases: ${1?number_to_date?switch(1?number_to_date, "same", "diff")}
switch_missing_target_error: ${nope?switch(1, 2)}
switch_one_arg_error: ${1?switch(1)}
is_method_builtin: ${"a"?left_pad?is_method?c}
is_string_formatted: ${1?string?is_string?c} ${1?string?is_hash?c}
is_sequence_range: ${(1..3)?is_sequence?c}
is_hash_formatted_number: ${1?is_hash?c}
is_enumerable_hash_ex: ${{"a": 1}?is_enumerable?c}
is_lambda_error: ${(x -> x)?is_method?c}
""".strip()

CASES["dates"] = r"""
default_datetime: ${1700000000123?number_to_datetime}
default_date: ${1700000000123?number_to_date}
default_time: ${1700000000123?number_to_time}
string_iso: ${1700000000123?number_to_datetime?string.iso}
string_xs: ${1700000000123?number_to_datetime?string.xs}
string_styles: <#assign d = 1700000000123?number_to_datetime>${d?string.short} | ${d?string.medium} | ${d?string.long} | ${d?string.full}
string_style_combo: ${1700000000123?number_to_datetime?string.short_full}
string_pattern: ${1700000000123?number_to_datetime?string("yyyy-MM-dd'T'HH:mm:ss.SSSZ")}
string_pattern_names: ${1700000000123?number_to_datetime?string("EEE EEEE MMM MMMM a hh h K k")}
string_pattern_zones: ${1700000000123?number_to_datetime?string("z zzzz Z X XX XXX")}
string_pattern_fields: ${1700000000123?number_to_datetime?string("D F w W u G yy y yyyyy S SSSS")}
string_pattern_quotes: ${1700000000123?number_to_datetime?string("'at' HH 'o''clock' ''")}
string_pattern_bad_error: ${1700000000123?number_to_datetime?string("yyyy-bb")}
iso_utc: ${1700000000123?number_to_datetime?iso_utc}
iso_utc_ms: ${1700000000123?number_to_datetime?iso_utc_ms}
iso_utc_m: ${1700000000123?number_to_datetime?iso_utc_m}
iso_utc_h: ${1700000000123?number_to_datetime?iso_utc_h}
iso_utc_nz: ${1700000000123?number_to_datetime?iso_utc_nz}
iso_local: <#setting time_zone="America/New_York">${1700000000123?number_to_datetime?iso_local}
iso_local_ms_nz: <#setting time_zone="America/New_York">${1700000000123?number_to_datetime?iso_local_ms_nz}
iso_with_tz: ${1700000000123?number_to_datetime?iso("Asia/Tokyo")}
iso_date_only: ${1700000000123?number_to_date?iso_utc}
iso_time_only: ${1700000000123?number_to_time?iso_utc}
iso_options: <#assign d = 1700000000000?number_to_datetime>${d?string.iso_m_nz} ${d?string.iso_ms} ${d?string.iso_s_u} ${d?string.xs_ms_nz}
iso_option_error: ${1700000000123?number_to_datetime?string.iso_x}
setting_datetime_format: <#setting datetime_format="yyyy/MM/dd HH:mm">${1700000000123?number_to_datetime}
setting_date_format: <#setting date_format="dd.MM.yyyy">${1700000000123?number_to_date}
setting_time_format: <#setting time_format="HH:mm:ss">${1700000000123?number_to_time}
setting_datetime_iso: <#setting datetime_format="iso">${1700000000123?number_to_datetime}
setting_date_short: <#setting date_format="short">${1700000000123?number_to_date}
setting_time_zone: <#setting time_zone="America/New_York">${1700000000123?number_to_datetime} ${1700000000123?number_to_datetime?string.iso}
setting_time_zone_berlin: <#setting time_zone="Europe/Berlin">${1700000000123?number_to_datetime?string.full}
setting_time_zone_dst: <#setting time_zone="America/New_York">${1690000000000?number_to_datetime?string("yyyy-MM-dd HH:mm z zzzz")}
setting_time_zone_custom: <#setting time_zone="GMT+02:30">${1700000000123?number_to_datetime?string.iso} ${1700000000123?number_to_datetime?string("z")}
date_of_datetime: ${1700000000123?number_to_datetime?date}
time_of_datetime: ${1700000000123?number_to_datetime?time}
datetime_of_date: ${1700000000123?number_to_date?datetime}
long_of_date: ${1700000000123?number_to_datetime?long?c}
string_date_parse: ${"2023-11-14"?date("yyyy-MM-dd")?string.iso}
string_datetime_parse: ${"2023-11-14 10:20:30"?datetime("yyyy-MM-dd HH:mm:ss")?string.iso}
string_time_parse: ${"10:20"?time("HH:mm")?string.iso}
string_date_iso_parse: ${"2023-11-14"?date.iso?string("EEEE")}
string_datetime_iso_parse: ${"2023-11-14T10:20:30+02:00"?datetime.iso?string.iso}
string_date_parse_error: ${"nope"?date("yyyy-MM-dd")}
string_date_default_format: ${"Nov 14, 2023"?date?string.iso}
epoch_seconds_pipeline: ${ts?number?number_to_datetime?string.iso}
epoch_seconds_ms_pipeline: ${(ts?number * 1000)?number_to_datetime?string("yyyy-MM-dd HH:mm:ss")}
date_compare: ${(1?number_to_datetime < 2?number_to_datetime)?c}
date_if_unknown: ${1700000000123?number_to_datetime?date_if_unknown?string.iso}
year_boundary_week: ${1703980800000?number_to_datetime?string("yyyy-MM-dd EEE w YYYY")}
leap_day: ${1709164800000?number_to_date?string("yyyy-MM-dd D")}
before_epoch: ${(-86400000 * 365)?number_to_datetime?string.iso}
rfc2822: ${1700000000123?number_to_datetime?string("EEE, d MMM yyyy HH:mm:ss Z")}
oclock: ${1700000000123?number_to_datetime?string("hh 'o''clock' a, zzzz")}
year_five_digits: ${253402300800000?number_to_datetime?string("yyyy-MM-dd yy y")}
styles_date_only: <#assign d = 1700000000123?number_to_date>${d?string.short} | ${d?string.medium} | ${d?string.long} | ${d?string.full}
styles_time_only: <#assign d = 1700000000123?number_to_time>${d?string.short} | ${d?string.medium} | ${d?string.long} | ${d?string.full}
styles_with_zone: <#setting time_zone="Asia/Tokyo"><#assign d = 1700000000123?number_to_datetime>${d?string.long} | ${d?string.full}
iso_on_date_time_kinds: ${1700000000123?number_to_date?string.iso} ${1700000000123?number_to_time?string.iso} ${1700000000123?number_to_date?string.xs} ${1700000000123?number_to_time?string.xs_nz}
iso_fz_u: <#setting time_zone="Europe/Berlin">${1700000000123?number_to_datetime?string.iso_fz} ${1700000000123?number_to_datetime?string.iso_u} ${1700000000123?number_to_datetime?string.iso_fu} ${1700000000123?number_to_date?string.iso_u}
iso_utc_variants: <#assign d = 1700000000000?number_to_datetime>${d?iso_utc_ms} ${d?iso_utc_fz} ${d?iso_utc_ms_nz} ${d?iso_utc_h_nz}
iso_local_variants: <#setting time_zone="America/Los_Angeles"><#assign d = 1700000000120?number_to_datetime>${d?iso_local_ms} ${d?iso_local_m} ${d?iso_local_h} ${d?iso_local_nz}
iso_tz_variants: <#assign d = 1700000000120?number_to_datetime>${d?iso_ms("Asia/Kolkata")} ${d?iso_m_nz("UTC")} ${d?iso_nz("America/New_York")} ${d?iso_h("GMT+01:00")}
iso_ms_trailing: ${1700000000100?number_to_datetime?iso_utc_ms} ${1700000000010?number_to_datetime?iso_utc_ms} ${1700000000001?number_to_datetime?iso_utc_ms}
xs_ms_error: ${1700000000123?number_to_datetime?string.xs_m}
dst_switch: <#setting time_zone="America/New_York">${1699164000000?number_to_datetime?string("yyyy-MM-dd HH:mm z Z")} ${1699171200000?number_to_datetime?string("yyyy-MM-dd HH:mm z Z")}
zone_names_more: <#assign d = 1690000000000?number_to_datetime><#setting time_zone="Europe/London">${d?string("z zzzz")} <#setting time_zone="Europe/Paris">${d?string("z zzzz")} <#setting time_zone="Australia/Sydney">${d?string("z zzzz")}
zone_chicago_denver: <#assign d = 1700000000000?number_to_datetime><#setting time_zone="America/Chicago">${d?string("z zzzz")} <#setting time_zone="America/Denver">${d?string("z zzzz")}
zone_singapore_dubai: <#assign d = 1700000000000?number_to_datetime><#setting time_zone="Asia/Singapore">${d?string("z zzzz")} <#setting time_zone="Asia/Dubai">${d?string("z zzzz")}
week_fields_jan1: ${1704067200000?number_to_datetime?string("yyyy-MM-dd EEE w W F D u YYYY")}
week_fields_midyear: ${1719792000000?number_to_datetime?string("yyyy-MM-dd EEE w W F D u")}
hours_midnight_noon: ${1699920000000?number_to_datetime?string("H k K h a")} ${1699963200000?number_to_datetime?string("H k K h a")}
pattern_single_letters: ${1700000000123?number_to_datetime?string("y M d H m s S E a")}
pattern_long_counts: ${1700000000123?number_to_datetime?string("yyyyyy MMMMM dddd HHH mmm sss SSSSS EEEEE")}
pattern_literals: ${1700000000123?number_to_datetime?string("[yyyy] {MM} dd.MM - #@!")}
parse_with_zone: ${"2023-11-14T10:20:30+0530"?datetime("yyyy-MM-dd'T'HH:mm:ssZ")?string.iso}
parse_with_xxx: ${"2023-11-14T10:20:30-03:00"?datetime("yyyy-MM-dd'T'HH:mm:ssXXX")?string.iso}
parse_two_digit_year: ${"11/14/23"?date("MM/dd/yy")?string.iso}
parse_month_name: ${"14 November 2023"?date("d MMMM yyyy")?string.iso} ${"14 Nov 2023"?date("d MMM yyyy")?string.iso}
parse_ampm: ${"2023-11-14 10:20 PM"?datetime("yyyy-MM-dd hh:mm a")?string.iso}
parse_time_default: ${"10:20:30 PM"?time?string.iso}
parse_datetime_default: ${"Nov 14, 2023, 10:13:20 PM"?datetime?string.iso}
parse_iso_variants: ${"2023-11-14T10:20:30.5Z"?datetime.iso?long?c} ${"2023-11-14T10:20Z"?datetime.iso?long?c} ${"2023-11-14"?date.xs?string.iso}
parse_iso_error: ${"2023-13-45"?date.iso}
parse_setting_tz: <#setting time_zone="Asia/Tokyo">${"2023-11-14 10:00"?datetime("yyyy-MM-dd HH:mm")?string.iso}
parse_lenient_day_overflow: ${"2023-02-30"?date("yyyy-MM-dd")?string.iso}
date_compare_eq: ${(1?number_to_datetime == 1?number_to_datetime)?c}
datetime_to_time_setting: <#setting time_format="HH:mm">${1700000000123?number_to_datetime?time}
time_to_date_error: ${1700000000123?number_to_time?date}
date_in_string_concat: ${"at " + 1700000000123?number_to_datetime}
date_join: ${[1700000000123?number_to_date, 0?number_to_date]?join(" / ")}
date_sort: ${[2?number_to_datetime, 1?number_to_datetime]?sort?map(d -> d?long)?join(",")}
date_min_max: ${[2?number_to_datetime, 1?number_to_datetime]?min?long} ${[2?number_to_datetime, 1?number_to_datetime]?max?long}
setting_datetime_format_short_long: <#setting datetime_format="short_long">${1700000000123?number_to_datetime}
setting_datetime_format_bad_error: <#setting datetime_format="yyyy-qq">${1700000000123?number_to_datetime}
setting_date_format_iso_nz: <#setting date_format="xs nz">${1700000000123?number_to_date}
locale_de_styles: <#setting locale="de_DE"><#assign d = 1700000000123?number_to_datetime>${d} | ${d?string.full} | ${d?date?string.long} | ${d?string("EEEE, d. MMMM yyyy")}
locale_fr_styles: <#setting locale="fr_FR"><#setting time_zone="Europe/Paris"><#assign d = 1700000000123?number_to_datetime>${d} | ${d?string.full} | ${d?string("EEE d MMM")}
locale_de_parse: <#setting locale="de_DE">${"14. November 2023"?date("d. MMMM yyyy")?string.iso} ${"Di., 14. Nov. 2023"?date("EEE, d. MMM yyyy")?string.iso}
locale_fr_parse: <#setting locale="fr_FR">${"mardi 14 novembre 2023"?date("EEEE d MMMM yyyy")?string.iso}
locale_week_rules: <#setting locale="de_DE">${1704067200000?number_to_date?string("w Y")} <#setting locale="en_US">${1704067200000?number_to_date?string("w Y")}
epoch_seconds_string_times_1000: ${(input_ts!"1700000000")?number * 1000} ${((input_ts!"1700000000")?number * 1000)?number_to_datetime?iso_utc}
""".strip()

CASES["loop"] = r"""
index_counter: <#list ["a", "b", "c"] as x>${x?index}/${x?counter} </#list>
has_next: <#list ["a", "b", "c"] as x>${x}<#if x?has_next>, </#if></#list>
is_first_last: <#list ["a", "b", "c"] as x>${x?is_first?c}-${x?is_last?c} </#list>
item_parity: <#list ["a", "b", "c"] as x>${x?item_parity} ${x?item_parity_cap} </#list>
item_cycle: <#list ["a", "b", "c", "d", "e"] as x>${x?item_cycle("r", "g", "b")}</#list>
is_odd_even: <#list ["a", "b", "c"] as x>${x?is_odd_item?c}/${x?is_even_item?c} </#list>
hash_list_index: <#list h as k, v>${k?index}:${k}=${v} </#list>
nested_loops: <#list [1, 2] as i><#list ["a", "b"] as j>${i?index}${j?index} </#list></#list>
not_loop_var_error: <#assign x = 1>${x?index}
has_next_items: <#list seq><#items as x>${x}<#sep>, </#items></#list>
index_in_sep: <#list seq as x>${x}<#sep>-${x?index}-</#list>
item_cycle_no_args_error: <#list seq as x>${x?item_cycle()}</#list>
counter_empty_list: <#list eseq as x>${x?counter}<#else>empty</#list>
users_loop: <#list users as u>${u?counter}. ${u.name}<#if u?has_next>; </#if></#list>
legacy_has_next: <#list seq as x>${x}<#if x_has_next>,</#if></#list>
legacy_index: <#list seq as x>${x_index}</#list>
item_cycle_one: <#list seq as x>${x?item_cycle("z")}</#list>
has_next_nested: <#list [1, 2] as i><#list ["a", "b"] as j>${i}${j}${i?has_next?c}${j?has_next?c} </#list></#list>
counter_hash_values: <#list h?values as v>${v?counter}</#list>
is_last_items: <#list seq><#items as x>${x?is_last?c} </#items></#list>
loop_var_in_function: <#function f x><#return x * 2></#function><#list seq as x>${f(x?index)}</#list>
index_after_filter: <#list seq?filter(x -> x > 1) as x>${x?index}:${x} </#list>
item_parity_many: <#list 1..5 as x>${x?item_parity?cap_first}</#list>
""".strip()


def write_cases(only: str | None = None) -> int:
    count = 0
    for family, table in CASES.items():
        if only and family != only:
            continue
        folder = ROOT / family
        folder.mkdir(parents=True, exist_ok=True)
        seen: set[str] = set()
        for line in table.splitlines():
            if not line.strip():
                continue
            name, _, template = line.partition(": ")
            name = name.strip()
            if name in seen:
                raise SystemExit(f"{family}/{name}: duplicate case name")
            seen.add(name)
            body = template
            (folder / f"{name}.ftl").write_text(body, encoding="utf-8")
            count += 1
    return count


if __name__ == "__main__":
    print(write_cases(sys.argv[1] if len(sys.argv) > 1 else None), "cases written")
