<#attempt>x</#attempt>
