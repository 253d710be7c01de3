<#attempt>[<#attempt>${nope}<#recover>inner</#attempt>${nope2}]<#recover>outer</#attempt>
