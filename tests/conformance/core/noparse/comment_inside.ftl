<#noparse><#-- not a comment --></#noparse>
