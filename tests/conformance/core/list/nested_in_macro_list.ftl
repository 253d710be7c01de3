<#macro each xs><#list xs as x><#nested x, x?index></#list></#macro><@each seq; v, i>${i}=${v} </@each>
