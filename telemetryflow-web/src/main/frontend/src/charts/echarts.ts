// ECharts, imported module by module so each page's bundle holds only the charts it draws.
import * as echarts from 'echarts/core'
import { BarChart, GraphChart, LineChart, ScatterChart, CustomChart } from 'echarts/charts'
import {
  BrushComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([
  LineChart, BarChart, ScatterChart, GraphChart, CustomChart,
  GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, BrushComponent, ToolboxComponent, TitleComponent,
  MarkLineComponent, MarkAreaComponent, CanvasRenderer,
])

export { echarts }
export type { EChartsCoreOption } from 'echarts/core'
