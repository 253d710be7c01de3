<#macro item v>
  <li>${v}</li>
</#macro>
<ul>
  <@item v=1/>
  <@item v=2/>
</ul>
