x
${n}
ids: <#list seq as v>${v}<#sep>, </#list>
z
