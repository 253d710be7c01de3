<#attempt>a${nope}b<#recover>recovered</#attempt>
