<#macro box><div>
<#nested>
</div></#macro>
x
${n}
    <@box>
      inner
    </@box>
z
