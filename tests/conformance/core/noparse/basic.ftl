<#noparse>${x} <#if> <@m/> #{y}</#noparse>
