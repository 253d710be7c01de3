<#assign pats = ["0ting number_form.00", "0 x .0#", "#;(#)", "#.#;-#.##x", "x0y", "'a''b'0", "0'%'", "0%x", "00.0E0 m", "#,##0.0#;(#)", "0.0;0.0", "abc", "0;", "0;x", "#,#", "0E0;x", "'#'0", "0x0", "0x.x0"]>
<#list pats as p>
${p} => ${1234.567?string(p)} | ${(-0.5)?string(p)}
</#list>
<#setting number_format="0ting number_form.00">
${3.14159} #{3.14159}
