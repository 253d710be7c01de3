<#macro m>M</#macro><@m>ignored body</@m>
