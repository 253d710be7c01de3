${.output_encoding!'none'}
