<#attempt><#assign z = 1>${nope}<#recover>z=${z}</#attempt>
