<#macro m><#local x = 'inner'><#nested>|${x}</#macro><#assign x = 'outer'><@m>${x}</@m>
