<#assign c>hello ${name}</#assign>${c}|
