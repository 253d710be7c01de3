<#switch s><#case 'hello'>H<#break><#case 'x'>X<#break><#default>D</#switch>
