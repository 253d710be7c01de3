${.current_template_name} ${.main_template_name}
