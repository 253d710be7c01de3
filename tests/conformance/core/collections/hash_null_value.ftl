${(hn.k??)?c} ${hn.k!'dflt'} <#list hn as k, v>${k}=${v!'-'} </#list>
