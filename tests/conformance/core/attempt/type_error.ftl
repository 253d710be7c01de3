<#attempt>${seq}<#recover>not a string</#attempt>
