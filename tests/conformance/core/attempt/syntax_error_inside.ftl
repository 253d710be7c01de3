<#attempt>${1 +}<#recover>r</#attempt>
