<#attempt>${nope}<#recover>${(.error?length > 0)?c}</#attempt>
