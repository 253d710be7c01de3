"""The Amplitude profile: users.iterator(), legacy loop variables, UtilClass, statics."""

from __future__ import annotations

import json

import pytest

import ftl

UPDATE = {
    "input": {
        "cohort_name": 'Say "hi"',
        "in_cohort": False,
        "users": [
            {"user_id": "a", "user_properties": {"plan": "pro", "seats": 3}},
            {"user_id": 'q"uote\n', "user_properties": {}},
        ],
    }
}


def test_iterator_and_legacy_has_next() -> None:
    t = ftl.Template(
        '[<#list input.users.iterator() as user>"${user.user_id?json_string}"'
        "<#if user_has_next>,</#if></#list>]"
    )
    assert json.loads(t.render(UPDATE)) == ["a", 'q"uote\n']


def test_plain_freemarker_profile_rejects_iterator() -> None:
    t = ftl.Template("<#list input.users.iterator() as u>${u.user_id}</#list>", amplitude=False)
    with pytest.raises(ftl.TemplateRuntimeError):
        t.render(UPDATE)


def test_util_class_to_json_and_to_json_string() -> None:
    t = ftl.Template(
        "<#assign UtilClass=statics['com.amplitude.integrations.connector.utils.FtlUtils']>"
        '{"name": ${UtilClass.toJsonString(input.cohort_name)}, '
        '"props": ${UtilClass.toJson(input.users[0].user_properties)}}'
    )
    assert json.loads(t.render(UPDATE)) == {
        "name": 'Say "hi"',
        "props": {"plan": "pro", "seats": 3},
    }


def test_util_class_is_predefined() -> None:
    t = ftl.Template("${UtilClass.toJsonString(input.users[1].user_id)}")
    assert json.loads(t.render(UPDATE)) == 'q"uote\n'


@pytest.mark.parametrize(
    "name", ["java.lang.System", "freemarker.template.utility.Execute", "java.lang.Runtime"]
)
def test_other_statics_are_refused_with_a_reason(name: str) -> None:
    t = ftl.Template(f"${{statics['{name}'].getProperty('user.home')}}")
    with pytest.raises(ftl.SandboxError) as info:
        t.render({})
    assert name in str(info.value) and "FtlUtils" in str(info.value)
