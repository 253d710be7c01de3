line1
line2
  </#list>
