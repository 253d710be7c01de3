<#assign base = 'B'><#macro m v=base + '!'>${v}</#macro><#macro outer><#local base = 'L'><@m/></#macro><@outer/>
