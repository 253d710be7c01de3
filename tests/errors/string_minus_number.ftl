<#assign total = input.users?size>
${total + "x" - 1}
