<#if !nope??>not exists</#if><#if !(nope??)> same</#if>
