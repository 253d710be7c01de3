<#attempt>${nope}<#recover>${nope2}</#attempt>
