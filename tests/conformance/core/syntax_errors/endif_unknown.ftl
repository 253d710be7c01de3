<#if t>a<#endif>
