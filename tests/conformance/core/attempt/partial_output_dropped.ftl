<#attempt><#list seq as x>${x}<#if x == 3>${nope}</#if></#list><#recover>-</#attempt>
