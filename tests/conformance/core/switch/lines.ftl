<#switch input.in_cohort?c>
  <#case 'true'>
    enter
    <#break>
  <#case 'false'>
    exit
    <#break>
</#switch>
done
