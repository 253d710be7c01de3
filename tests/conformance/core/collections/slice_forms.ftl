<#list [letters[1..3], letters[1..], letters[1..<3], letters[1..!3], letters[1..*2], letters[3..1], letters[4..*-3]] as part>[<#list part as l>${l}</#list>]</#list>
