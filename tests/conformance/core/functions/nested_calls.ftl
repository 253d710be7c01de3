<#function inc x><#return x + 1></#function>${inc(inc(inc(0)))}
