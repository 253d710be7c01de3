<#function firstBig xs><#list xs as x><#if x gt 1><#return x></#if></#list><#return -1></#function>${firstBig(seq)} ${firstBig([])}
