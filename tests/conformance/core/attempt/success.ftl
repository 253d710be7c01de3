<#attempt>ok ${name}<#recover>bad</#attempt>
