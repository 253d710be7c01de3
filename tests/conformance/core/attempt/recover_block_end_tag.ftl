<#attempt>${nope}<#recover>r</#recover>
