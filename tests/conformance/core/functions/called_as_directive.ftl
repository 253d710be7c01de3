<#function f><#return 1></#function><@f/>
