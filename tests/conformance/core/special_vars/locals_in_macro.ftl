<#macro m x><#local y = 2>${.locals.x}${.locals.y}</#macro><@m x=1/>
