<#macro m>m1<#nested>m2</#macro><#macro outer>o1<@m>n<#return>n2</@m>o2</#macro><@outer/>|
