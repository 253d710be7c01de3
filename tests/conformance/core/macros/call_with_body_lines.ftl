<#macro box>
[
<#nested>
]
</#macro>
<@box>
  inside
</@box>
after
