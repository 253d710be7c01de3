<#macro greet>Hello!</#macro><@greet/>
