<#macro greet who>Hello ${who}!</#macro><@greet who='Ann'/>
